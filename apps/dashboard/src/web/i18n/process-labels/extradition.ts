import type { ProcessLabels } from '.';

export default {
  type: 'extradition',
  title: { es: 'Extradición', fr: 'Extradition', nl: 'Uitlevering' },
  stages: {
    alert: {
      es: 'Alerta / solicitud de detención provisional',
      fr: 'Signalement / demande d’arrestation provisoire',
      nl: 'Signalering / verzoek tot voorlopige aanhouding',
    },
    'provisionally-arrested': {
      es: 'Detención provisional (a la espera de la solicitud formal)',
      fr: 'Arrestation provisoire (demande formelle attendue)',
      nl: 'Voorlopig aangehouden (formeel verzoek wordt afgewacht)',
    },
    'release-due': {
      es: 'Vencido el plazo de detención provisional: poner en libertad a la persona',
      fr: 'Délai d’arrestation provisoire dépassé : remettre la personne en liberté',
      nl: 'Termijn van voorlopige aanhouding verstreken: de persoon in vrijheid stellen',
    },
    released: {
      es: 'Puesta en libertad (aún puede presentarse una solicitud formal)',
      fr: 'Remise en liberté (une demande formelle peut encore suivre)',
      nl: 'In vrijheid gesteld (een formeel verzoek kan nog volgen)',
    },
    'formal-request-received': {
      es: 'Solicitud formal recibida',
      fr: 'Demande formelle reçue',
      nl: 'Formeel verzoek ontvangen',
    },
    'additional-info-requested': {
      es: 'Información complementaria solicitada',
      fr: 'Complément d’informations demandé',
      nl: 'Aanvullende inlichtingen gevraagd',
    },
    'judicial-hearing': { es: 'Audiencia judicial', fr: 'Audience judiciaire', nl: 'Rechterlijke behandeling' },
    eligible: {
      es: 'Extradición declarada procedente',
      fr: 'Personne déclarée extradable',
      nl: 'Uitlevering toelaatbaar verklaard',
    },
    appeal: { es: 'Recurso', fr: 'Recours', nl: 'Beroep' },
    'executive-decision': {
      es: 'Decisión del poder ejecutivo',
      fr: 'Décision du pouvoir exécutif',
      nl: 'Beslissing van de uitvoerende macht',
    },
    'surrender-scheduled': { es: 'Entrega programada', fr: 'Remise programmée', nl: 'Overlevering gepland' },
    'surrender-postponed': { es: 'Entrega aplazada', fr: 'Remise ajournée', nl: 'Overlevering uitgesteld' },
    'temporarily-surrendered': {
      es: 'Entrega temporal efectuada',
      fr: 'Remise temporaire effectuée',
      nl: 'Tijdelijk overgeleverd',
    },
    'prosecution-instead': {
      es: 'Nacional no entregado: enjuiciarlo en su lugar (16(10))',
      fr: 'Ressortissant non remis : engager des poursuites à la place (16(10))',
      nl: 'Onderdaan niet overgeleverd: in plaats daarvan vervolgen (16(10))',
    },
    'submitted-for-prosecution': {
      es: 'Caso sometido a enjuiciamiento nacional (resultado por comunicar)',
      fr: 'Affaire soumise aux fins de poursuites nationales (résultat à communiquer)',
      nl: 'Voorgelegd voor vervolging in eigen land (resultaat nog te melden)',
    },
    'prosecution-result-reported': {
      es: 'Resultado del enjuiciamiento nacional comunicado (Convenio Europeo de Extradición, art. 6(2))',
      fr: 'Résultat des poursuites nationales communiqué (Convention européenne d’extradition, art. 6(2))',
      nl: 'Resultaat van de vervolging in eigen land gemeld (Europees Uitleveringsverdrag, art. 6(2))',
    },
    surrendered: { es: 'Entrega efectuada', fr: 'Remise effectuée', nl: 'Overgeleverd' },
    refused: { es: 'Denegada', fr: 'Refusée', nl: 'Geweigerd' },
    'prosecution-concluded': {
      es: 'Enjuiciamiento en lugar de la extradición: resultado recibido',
      fr: 'Poursuites à la place de l’extradition : résultat reçu',
      nl: 'In plaats daarvan vervolgd: resultaat ontvangen',
    },
    withdrawn: { es: 'Retirada', fr: 'Retirée', nl: 'Ingetrokken' },
  },
  actions: {
    'arrest-provisionally': { es: 'Detener provisionalmente', fr: 'Arrêter provisoirement', nl: 'Voorlopig aanhouden' },
    'receive-formal-request': {
      es: 'Solicitud formal transmitida (parte requirente) o registrada como recibida (parte requerida)',
      fr: 'Demande formelle transmise (partie requérante) ou enregistrée comme reçue (partie requise)',
      nl: 'Formeel verzoek toegezonden (verzoekende partij) of als ontvangen geregistreerd (aangezochte partij)',
    },
    'release-on-expiry': {
      es: 'Vencido el plazo de detención provisional sin solicitud formal: la persona debe ser puesta en libertad',
      fr: 'Délai d’arrestation provisoire expiré sans demande formelle : la personne doit être remise en liberté',
      nl: 'Termijn van voorlopige aanhouding verstreken zonder formeel verzoek: de persoon moet in vrijheid worden gesteld',
    },
    'confirm-release': {
      es: 'La persona ha sido puesta en libertad',
      fr: 'La personne a été remise en liberté',
      nl: 'De persoon is in vrijheid gesteld',
    },
    release: {
      es: 'Puesta en libertad por orden judicial',
      fr: 'Remise en liberté sur décision judiciaire',
      nl: 'Invrijheidstelling op rechterlijk bevel',
    },
    'request-additional-info': {
      es: 'Solicitar información complementaria',
      fr: 'Demander un complément d’informations',
      nl: 'Om aanvullende inlichtingen vragen',
    },
    'provide-additional-info': {
      es: 'Facilitar la información complementaria',
      fr: 'Fournir le complément d’informations',
      nl: 'De aanvullende inlichtingen verstrekken',
    },
    'open-hearing': {
      es: 'Abrir la audiencia judicial',
      fr: 'Ouvrir l’audience judiciaire',
      nl: 'De rechterlijke behandeling openen',
    },
    'consent-to-simplified-surrender': {
      es: 'La persona consiente en la entrega simplificada',
      fr: 'La personne consent à la remise simplifiée',
      nl: 'De persoon stemt in met vereenvoudigde overlevering',
    },
    'decide-eligible': {
      es: 'El tribunal declara procedente la extradición',
      fr: 'Le tribunal déclare la personne extradable',
      nl: 'De rechtbank verklaart de uitlevering toelaatbaar',
    },
    'decide-barred': {
      es: 'El tribunal declara improcedente la extradición (motivo y fundamentación)',
      fr: 'Le tribunal juge l’extradition exclue (motif et motivation)',
      nl: 'De rechtbank verklaart de uitlevering ontoelaatbaar (grond en motivering)',
    },
    'lodge-appeal': {
      es: 'Recurso interpuesto contra la declaración de procedencia',
      fr: 'Recours formé contre la décision déclarant la personne extradable',
      nl: 'Beroep ingesteld tegen de toelaatbaarverklaring',
    },
    'dismiss-appeal': { es: 'Recurso desestimado', fr: 'Recours rejeté', nl: 'Beroep verworpen' },
    'refer-to-executive': {
      es: 'Remitir al poder ejecutivo (sin recurso)',
      fr: 'Transmettre au pouvoir exécutif (sans recours)',
      nl: 'Doorzenden naar de uitvoerende macht (geen beroep)',
    },
    'order-surrender': {
      es: 'El poder ejecutivo acuerda la entrega',
      fr: 'Le pouvoir exécutif ordonne la remise',
      nl: 'De uitvoerende macht gelast de overlevering',
    },
    'refuse-surrender': {
      es: 'El poder ejecutivo deniega la entrega (motivo y fundamentación)',
      fr: 'Le pouvoir exécutif refuse la remise (motif et motivation)',
      nl: 'De uitvoerende macht weigert de overlevering (grond en motivering)',
    },
    'refuse-national': {
      es: 'Denegar la entrega de un nacional: enjuiciarlo en su lugar (16(10))',
      fr: 'Refuser la remise d’un ressortissant : le poursuivre à la place (16(10))',
      nl: 'Overlevering van een onderdaan weigeren: in plaats daarvan vervolgen (16(10))',
    },
    'submit-for-prosecution': {
      es: 'Caso sometido a las autoridades competentes a efectos de enjuiciamiento',
      fr: 'Affaire soumise aux autorités compétentes aux fins de poursuites',
      nl: 'Zaak voorgelegd aan de vervolgingsautoriteiten',
    },
    'report-prosecution-result': {
      es: 'Comunicar al Estado requirente el resultado del enjuiciamiento nacional',
      fr: 'Communiquer à l’État requérant le résultat des poursuites nationales',
      nl: 'De verzoekende staat het resultaat van de vervolging in eigen land meedelen',
    },
    'acknowledge-prosecution-result': {
      es: 'El Estado requirente ha recibido el resultado',
      fr: 'L’État requérant a reçu le résultat',
      nl: 'De verzoekende staat heeft het resultaat ontvangen',
    },
    'postpone-surrender': {
      es: 'Aplazar la entrega (p. ej., por un proceso nacional)',
      fr: 'Ajourner la remise (p. ex. procédure nationale en cours)',
      nl: 'De overlevering uitstellen (bijv. wegens een procedure in eigen land)',
    },
    'reschedule-surrender': {
      es: 'Reprogramar la entrega',
      fr: 'Reprogrammer la remise',
      nl: 'De overlevering opnieuw plannen',
    },
    'surrender-temporarily': {
      es: 'Entrega temporal para enjuiciamiento, con devolución posterior',
      fr: 'Remise temporaire aux fins de jugement, à charge de renvoi',
      nl: 'Tijdelijke overlevering voor berechting, met terugzending',
    },
    'return-after-temporary-surrender': {
      es: 'Devolución tras la entrega temporal',
      fr: 'Renvoi après la remise temporaire',
      nl: 'Teruggezonden na tijdelijke overlevering',
    },
    'confirm-surrender': { es: 'Entrega efectuada', fr: 'Remise effectuée', nl: 'Overlevering uitgevoerd' },
    withdraw: { es: 'Retirar la solicitud', fr: 'Retirer la demande', nl: 'Het verzoek intrekken' },
  },
  deadlines: {
    'provisional-arrest': {
      es: 'Solicitud formal antes de que venza el plazo de detención provisional',
      fr: 'Demande formelle à présenter avant l’expiration du délai d’arrestation provisoire',
      nl: 'Formeel verzoek vóór het einde van de termijn van voorlopige aanhouding',
    },
    release: {
      es: 'Poner en libertad a la persona detenida más allá del plazo de detención provisional',
      fr: 'Remettre en liberté la personne détenue au-delà du délai d’arrestation provisoire',
      nl: 'De persoon die na de termijn van voorlopige aanhouding nog vastzit in vrijheid stellen',
    },
    'prosecution-submission': {
      es: 'Someter el caso a enjuiciamiento sin demora injustificada (16(10))',
      fr: 'Soumettre l’affaire aux fins de poursuites sans retard excessif (16(10))',
      nl: 'De zaak zonder onnodige vertraging voor vervolging voorleggen (16(10))',
    },
  },
  obligations: {
    'prosecute-instead': {
      es: 'Someter a enjuiciamiento el caso del nacional cuya extradición fue denegada',
      fr: 'Soumettre aux fins de poursuites l’affaire du ressortissant dont l’extradition a été refusée',
      nl: 'De zaak van de onderdaan wiens uitlevering is geweigerd voor vervolging voorleggen',
    },
    'report-prosecution-result': {
      es: 'Informar al Estado requirente del resultado del enjuiciamiento',
      fr: 'Informer l’État requérant du résultat des poursuites',
      nl: 'De verzoekende staat over het resultaat van de vervolging informeren',
    },
  },
} satisfies ProcessLabels;
