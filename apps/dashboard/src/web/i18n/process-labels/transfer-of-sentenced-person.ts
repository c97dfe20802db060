import type { ProcessLabels } from '.';

export default {
  type: 'transfer-of-sentenced-person',
  title: {
    en: 'Transfer of a sentenced person',
    es: 'Traslado de una persona condenada',
    fr: 'Transfèrement d’une personne condamnée',
    nl: 'Overbrenging van een gevonniste persoon',
  },
  stages: {
    request: {
      en: 'Request being prepared',
      es: 'Solicitud en preparación',
      fr: 'Demande en préparation',
      nl: 'Verzoek in voorbereiding',
    },
    transmitted: {
      en: 'Request transmitted',
      es: 'Solicitud transmitida',
      fr: 'Demande transmise',
      nl: 'Verzoek toegezonden',
    },
    'conditions-check': {
      en: 'Conditions being checked',
      es: 'Comprobación de las condiciones',
      fr: 'Vérification des conditions',
      nl: 'Toetsing van de voorwaarden',
    },
    'administering-state-agreed': {
      en: 'Administering state agreed',
      es: 'Conformidad del Estado de cumplimiento',
      fr: 'Accord de l’État d’exécution',
      nl: 'Instemming van de staat van tenuitvoerlegging',
    },
    agreed: {
      en: 'Both states agreed',
      es: 'Conformidad de ambos Estados',
      fr: 'Accord des deux États',
      nl: 'Instemming van beide staten',
    },
    'handover-scheduled': {
      en: 'Handover scheduled',
      es: 'Entrega programada',
      fr: 'Remise programmée',
      nl: 'Overdracht gepland',
    },
    transferred: { en: 'Transferred', es: 'Traslado efectuado', fr: 'Transfèrement effectué', nl: 'Overgebracht' },
    declined: { en: 'Declined', es: 'Traslado rechazado', fr: 'Transfèrement refusé', nl: 'Afgewezen' },
    withdrawn: { en: 'Withdrawn', es: 'Retirada', fr: 'Retirée', nl: 'Ingetrokken' },
  },
  actions: {
    transmit: {
      en: 'Transmit the request to the administering state',
      es: 'Transmitir la solicitud al Estado de cumplimiento',
      fr: 'Transmettre la demande à l’État d’exécution',
      nl: 'Het verzoek toezenden aan de staat van tenuitvoerlegging',
    },
    acknowledge: {
      en: 'Acknowledge receipt',
      es: 'Acusar recibo',
      fr: 'Accuser réception',
      nl: 'Ontvangst bevestigen',
    },
    'record-condition': {
      en: 'Record whether a condition the state answers for is met, with the evidence',
      es: 'Registrar si se cumple una condición de la que responde el Estado, con las pruebas',
      fr: 'Enregistrer si une condition dont l’État répond est remplie, avec les justificatifs',
      nl: 'Vastleggen of is voldaan aan een voorwaarde waarvoor de staat instaat, met het bewijs',
    },
    'agree-short-sentence-exception': {
      en: 'Agree to the transfer although less than six months remain (CoE 1983 art. 3(2))',
      es: 'Aceptar el traslado aunque queden menos de seis meses por cumplir (Convenio del Consejo de Europa de 1983, art. 3(2))',
      fr: 'Consentir au transfèrement bien qu’il reste moins de six mois à subir (Convention du Conseil de l’Europe de 1983, art. 3(2))',
      nl: 'Met de overbrenging instemmen hoewel minder dan zes maanden resteren (Verdrag van de Raad van Europa van 1983, art. 3(2))',
    },
    'agree-administering': {
      en: 'The administering state agrees (every condition met)',
      es: 'El Estado de cumplimiento da su conformidad (se cumplen todas las condiciones)',
      fr: 'L’État d’exécution donne son accord (toutes les conditions sont remplies)',
      nl: 'De staat van tenuitvoerlegging stemt in (aan alle voorwaarden is voldaan)',
    },
    'agree-sentencing': {
      en: 'The sentencing state agrees (every condition met)',
      es: 'El Estado de condena da su conformidad (se cumplen todas las condiciones)',
      fr: 'L’État de condamnation donne son accord (toutes les conditions sont remplies)',
      nl: 'De staat van veroordeling stemt in (aan alle voorwaarden is voldaan)',
    },
    decline: {
      en: 'A state declines the transfer, with reasons',
      es: 'Un Estado rechaza el traslado, de forma motivada',
      fr: 'Un État refuse le transfèrement, par une décision motivée',
      nl: 'Een staat weigert de overbrenging, met redenen omkleed',
    },
    'schedule-handover': {
      en: 'Schedule the handover',
      es: 'Programar la entrega',
      fr: 'Programmer la remise',
      nl: 'De overdracht plannen',
    },
    'confirm-handover': {
      en: 'Handover carried out: the administering state continues the enforcement',
      es: 'Entrega efectuada: el Estado de cumplimiento prosigue el cumplimiento de la condena',
      fr: 'Remise effectuée : l’État d’exécution poursuit l’exécution de la condamnation',
      nl: 'Overdracht uitgevoerd: de staat van tenuitvoerlegging zet de tenuitvoerlegging voort',
    },
    withdraw: {
      en: 'Withdraw the request',
      es: 'Retirar la solicitud',
      fr: 'Retirer la demande',
      nl: 'Het verzoek intrekken',
    },
  },
  deadlines: {
    agreement: {
      en: 'Both states decide on the transfer',
      es: 'Ambos Estados resuelven sobre el traslado',
      fr: 'Les deux États statuent sur le transfèrement',
      nl: 'Beide staten beslissen over de overbrenging',
    },
    handover: {
      en: 'Hand the person over',
      es: 'Entregar a la persona',
      fr: 'Remettre la personne',
      nl: 'De persoon overdragen',
    },
  },
  obligations: {},
} satisfies ProcessLabels;
