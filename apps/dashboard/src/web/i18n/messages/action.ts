import { defineArea } from '../define';

/**
 * An action's form and what it says of what was typed (action-panel.ts, action-form.ts,
 * form-view.ts). A field's problem is said after its label: `{field} {problem}.`.
 */
export default defineArea('action', {
  heading: { en: 'Actions', es: 'Acciones', fr: 'Actions', nl: 'Acties' },
  refusedForbidden: {
    en: 'You may not take this action: {message}',
    es: 'No puede realizar esta acción: {message}',
    fr: 'Vous ne pouvez pas effectuer cette action : {message}',
    nl: 'U mag deze actie niet uitvoeren: {message}',
  },
  refusedConflict: {
    en: 'Not possible now: {message}',
    es: 'No es posible en este momento: {message}',
    fr: 'Impossible pour le moment : {message}',
    nl: 'Nu niet mogelijk: {message}',
  },
  tooManyRequests: {
    en: 'Too many requests just now; wait a moment and submit again.',
    es: 'Demasiadas solicitudes en este momento; espere un poco y vuelva a enviar.',
    fr: 'Trop de demandes en ce moment ; patientez un instant et envoyez de nouveau.',
    nl: 'Te veel verzoeken op dit moment; wacht even en verstuur opnieuw.',
  },
  formCannotBeDrawn: {
    en: "This action's form cannot be drawn here ({error}); use the API or the CLI.",
    es: 'El formulario de esta acción no se puede mostrar aquí ({error}); utilice la API o la CLI.',
    fr: 'Le formulaire de cette action ne peut pas être affiché ici ({error}) ; utilisez l’API ou la CLI.',
    nl: 'Het formulier van deze actie kan hier niet worden getoond ({error}); gebruik de API of de CLI.',
  },
  cancel: { en: 'Cancel', es: 'Cancelar', fr: 'Annuler', nl: 'Annuleren' },
  discard: { en: 'Discard it', es: 'Descartar', fr: 'Abandonner', nl: 'Verwijderen' },
  sendAgain: {
    en: '{label}: send again',
    es: '{label}: enviar de nuevo',
    fr: '{label} : envoyer de nouveau',
    nl: '{label}: opnieuw verzenden',
  },
  discarded: {
    en: 'Discarded. If it had applied, the timeline shows it: check there before sending it anew, which applies it again.',
    es: 'Descartado. Si se aplicó, figura en la cronología: compruébelo allí antes de enviarlo de nuevo, lo que lo aplicaría otra vez.',
    fr: 'Abandonné. S’il a été appliqué, la chronologie l’indique : consultez-la avant de l’envoyer de nouveau, ce qui l’appliquerait une seconde fois.',
    nl: 'Verwijderd. Als het is toegepast, staat het in de tijdlijn: kijk daar voordat u het opnieuw verstuurt, want dan wordt het nogmaals toegepast.',
  },
  noDetails: {
    en: 'This action takes no details: submit to apply it.',
    es: 'Esta acción no requiere datos: envíe para aplicarla.',
    fr: 'Cette action ne demande aucun détail : envoyez pour l’appliquer.',
    nl: 'Deze actie vraagt geen gegevens: verstuur om haar toe te passen.',
  },
  fieldsNeedAttention: {
    en: { one: 'One field needs attention.', other: '{count} fields need attention.' },
    es: { one: 'Un campo requiere atención.', other: '{count} campos requieren atención.' },
    fr: { one: 'Un champ demande votre attention.', other: '{count} champs demandent votre attention.' },
    nl: { one: 'Eén veld vraagt aandacht.', other: '{count} velden vragen aandacht.' },
  },
  done: {
    en: '{label}: done. The process is now {stage}.',
    es: '{label}: hecho. Etapa actual del proceso: {stage}.',
    fr: '{label} : fait. Étape actuelle de la procédure : {stage}.',
    nl: '{label}: gedaan. Huidige fase van de procedure: {stage}.',
  },
  notConfirmed: {
    en: 'The server did not confirm ({message}). It may have applied: send it again as it is to find out; it applies once.',
    es: 'El servidor no ha confirmado ({message}). Puede que se haya aplicado: envíelo de nuevo tal cual para saberlo; solo se aplica una vez.',
    fr: 'Le serveur n’a pas confirmé ({message}). L’action a peut-être été appliquée : envoyez-la de nouveau telle quelle pour le savoir ; elle ne s’applique qu’une fois.',
    nl: 'De server heeft niet bevestigd ({message}). Het is mogelijk toegepast: verstuur het ongewijzigd opnieuw om dat te weten te komen; het wordt maar één keer toegepast.',
  },
  earlierNotConfirmed: {
    en: 'Your earlier submission was not confirmed, and the process has moved since: it most likely applied (see the timeline). Check there before sending anew.',
    es: 'Su envío anterior no se confirmó y el proceso ha avanzado desde entonces: lo más probable es que se haya aplicado (vea la cronología). Compruébelo allí antes de enviarlo de nuevo.',
    fr: 'Votre envoi précédent n’a pas été confirmé et la procédure a évolué depuis : il a très probablement été appliqué (voir la chronologie). Consultez-la avant de l’envoyer de nouveau.',
    nl: 'Uw eerdere inzending is niet bevestigd en de procedure is sindsdien verdergegaan: waarschijnlijk is ze toegepast (zie de tijdlijn). Kijk daar voordat u opnieuw verstuurt.',
  },
  finished: {
    en: 'This process is finished.',
    es: 'Este proceso ha finalizado.',
    fr: 'Cette procédure est terminée.',
    nl: 'Deze procedure is afgerond.',
  },
  nothingToDo: {
    en: 'Nothing for you to do at this stage.',
    es: 'No tiene nada que hacer en esta etapa.',
    fr: 'Rien à faire pour vous à cette étape.',
    nl: 'Er is in deze fase niets voor u te doen.',
  },
  unconfirmedNowAt: {
    en: 'Your submission was not confirmed, and the process is now {stage}: it most likely applied (see the timeline).',
    es: 'Su envío no se confirmó y el proceso está ahora en la etapa {stage}: lo más probable es que se haya aplicado (vea la cronología).',
    fr: 'Votre envoi n’a pas été confirmé et la procédure est maintenant à l’étape {stage} : il a très probablement été appliqué (voir la chronologie).',
    nl: 'Uw inzending is niet bevestigd en de procedure is nu in de fase {stage}: waarschijnlijk is ze toegepast (zie de tijdlijn).',
  },
  noLongerPossible: {
    en: 'That action is no longer possible: the process is now {stage}.',
    es: 'Esa acción ya no es posible: el proceso está ahora en la etapa {stage}.',
    fr: 'Cette action n’est plus possible : la procédure est maintenant à l’étape {stage}.',
    nl: 'Die actie is niet meer mogelijk: de procedure is nu in de fase {stage}.',
  },

  choose: { en: 'Choose…', es: 'Elija…', fr: 'Choisissez…', nl: 'Kies…' },
  labelRequired: {
    en: '{label} (required)',
    es: '{label} (obligatorio)',
    fr: '{label} (obligatoire)',
    nl: '{label} (verplicht)',
  },
  labelOptional: {
    en: '{label} (optional)',
    es: '{label} (opcional)',
    fr: '{label} (facultatif)',
    nl: '{label} (optioneel)',
  },

  patternDate: {
    en: 'a date, YYYY-MM-DD',
    es: 'una fecha, AAAA-MM-DD',
    fr: 'une date, AAAA-MM-JJ',
    nl: 'een datum, JJJJ-MM-DD',
  },
  patternCountry: {
    en: 'a two-letter country code such as FR',
    es: 'un código de país de dos letras, como FR',
    fr: 'un code de pays à deux lettres, comme FR',
    nl: 'een landcode van twee letters, zoals FR',
  },
  patternCurrency: {
    en: 'a three-letter currency code such as EUR',
    es: 'un código de moneda de tres letras, como EUR',
    fr: 'un code de devise à trois lettres, comme EUR',
    nl: 'een valutacode van drie letters, zoals EUR',
  },
  patternLanguage: {
    en: 'a two-letter language code such as fr',
    es: 'un código de idioma de dos letras, como fr',
    fr: 'un code de langue à deux lettres, comme fr',
    nl: 'een taalcode van twee letters, zoals fr',
  },
  patternAmount: {
    en: 'an amount such as 1250.50 (at most three decimals)',
    es: 'un importe como 1250.50, con punto decimal y tres decimales como máximo',
    fr: 'un montant tel que 1250.50, avec un point décimal et trois décimales au plus',
    nl: 'een bedrag zoals 1250.50, met een decimale punt en ten hoogste drie decimalen',
  },
  patternIdentifierChars: {
    en: 'letters, digits and . _ : -',
    es: 'letras, cifras y . _ : -',
    fr: 'lettres, chiffres et . _ : -',
    nl: 'letters, cijfers en . _ : -',
  },
  patternNameChars: {
    en: 'letters, digits and . _ -',
    es: 'letras, cifras y . _ -',
    fr: 'lettres, chiffres et . _ -',
    nl: 'letters, cijfers en . _ -',
  },
  patternIdentifier: {
    en: 'an identifier: letters, digits and . _ : -',
    es: 'un identificador: letras, cifras y . _ : -',
    fr: 'un identifiant : lettres, chiffres et . _ : -',
    nl: 'een identificatiecode: letters, cijfers en . _ : -',
  },
  patternDocument: {
    en: 'a document id, as its upload answered: doc- and 36 characters',
    es: 'el identificador de un documento, tal como lo devolvió su carga: doc- y 36 caracteres',
    fr: 'l’identifiant d’un document, tel que son envoi l’a renvoyé : doc- et 36 caractères',
    nl: 'de identificatiecode van een document, zoals de upload die gaf: doc- en 36 tekens',
  },
  patternOther: {
    en: 'matching {pattern}',
    es: 'conforme al patrón {pattern}',
    fr: 'conforme au motif {pattern}',
    nl: 'volgens het patroon {pattern}',
  },
  hintMinLength: {
    en: { one: 'at least {n} character', other: 'at least {n} characters' },
    es: { one: 'al menos {n} carácter', other: 'al menos {n} caracteres' },
    fr: { one: 'au moins {n} caractère', other: 'au moins {n} caractères' },
    nl: { one: 'ten minste {n} teken', other: 'ten minste {n} tekens' },
  },
  hintMaxLength: {
    en: { one: 'at most {n} character', other: 'at most {n} characters' },
    es: { one: 'como máximo {n} carácter', other: 'como máximo {n} caracteres' },
    fr: { one: '{n} caractère au plus', other: '{n} caractères au plus' },
    nl: { one: 'ten hoogste {n} teken', other: 'ten hoogste {n} tekens' },
  },
  hintRange: {
    en: 'from {minimum} to {maximum}',
    es: 'de {minimum} a {maximum}',
    fr: 'de {minimum} à {maximum}',
    nl: 'van {minimum} tot {maximum}',
  },
  hintMinimum: { en: '{minimum} or more', es: '{minimum} o más', fr: '{minimum} ou plus', nl: '{minimum} of meer' },
  hintMaximum: {
    en: '{maximum} or less',
    es: '{maximum} o menos',
    fr: '{maximum} ou moins',
    nl: '{maximum} of minder',
  },
  hintWholeNumber: {
    en: 'a whole number',
    es: 'un número entero',
    fr: 'un nombre entier',
    nl: 'een geheel getal',
  },
  hintOnePerLine: { en: 'one per line', es: 'uno por línea', fr: 'un par ligne', nl: 'één per regel' },
  hintOnePerLineEach: {
    en: 'one per line, each {hint}',
    es: 'uno por línea, cada uno {hint}',
    fr: 'un par ligne, chacun {hint}',
    nl: 'één per regel, elk {hint}',
  },
  hintMinItems: { en: 'at least {n}', es: 'al menos {n}', fr: 'au moins {n}', nl: 'ten minste {n}' },

  fieldProblem: {
    en: '{field} {problem}.',
    es: '{field}: {problem}.',
    fr: '{field} : {problem}.',
    nl: '{field}: {problem}.',
  },
  isRequired: {
    en: 'is required',
    es: 'campo obligatorio',
    fr: 'champ obligatoire',
    nl: 'verplicht veld',
  },
  chooseAtLeastOne: {
    en: 'choose at least one',
    es: 'elija al menos una opción',
    fr: 'choisissez au moins une option',
    nl: 'kies ten minste één optie',
  },
  tooShort: {
    en: {
      one: 'must be at least {n} character (now {length})',
      other: 'must be at least {n} characters (now {length})',
    },
    es: {
      one: 'debe tener al menos {n} carácter (ahora {length})',
      other: 'debe tener al menos {n} caracteres (ahora {length})',
    },
    fr: {
      one: 'doit compter au moins {n} caractère (actuellement {length})',
      other: 'doit compter au moins {n} caractères (actuellement {length})',
    },
    nl: {
      one: 'moet ten minste {n} teken bevatten (nu {length})',
      other: 'moet ten minste {n} tekens bevatten (nu {length})',
    },
  },
  tooLong: {
    en: {
      one: 'must be at most {n} character (now {length})',
      other: 'must be at most {n} characters (now {length})',
    },
    es: {
      one: 'debe tener como máximo {n} carácter (ahora {length})',
      other: 'debe tener como máximo {n} caracteres (ahora {length})',
    },
    fr: {
      one: 'ne doit pas dépasser {n} caractère (actuellement {length})',
      other: 'ne doit pas dépasser {n} caractères (actuellement {length})',
    },
    nl: {
      one: 'mag ten hoogste {n} teken bevatten (nu {length})',
      other: 'mag ten hoogste {n} tekens bevatten (nu {length})',
    },
  },
  mustBe: {
    en: 'must be {hint}',
    es: 'valor no válido ({hint})',
    fr: 'valeur non valide ({hint})',
    nl: 'ongeldige waarde ({hint})',
  },
  mustBeOneOf: {
    en: 'must be one of: {options}',
    es: 'debe ser uno de los valores siguientes: {options}',
    fr: 'doit être l’une des valeurs suivantes : {options}',
    nl: 'moet een van de volgende waarden zijn: {options}',
  },
  itemNotAChoice: {
    en: "'{item}' is not one of the choices",
    es: '«{item}» no es una de las opciones',
    fr: '«\u00a0{item}\u00a0» ne fait pas partie des choix',
    nl: '‘{item}’ is geen van de keuzes',
  },
  itemMustBe: {
    en: "'{item}' must be {hint}",
    es: '«{item}» no es válido ({hint})',
    fr: '«\u00a0{item}\u00a0» n’est pas valide ({hint})',
    nl: '‘{item}’ is ongeldig ({hint})',
  },
  tooFewItems: {
    en: { one: 'must have at least {n}', other: 'must have at least {n}' },
    es: { one: 'debe tener al menos {n} elemento', other: 'debe tener al menos {n} elementos' },
    fr: { one: 'doit compter au moins {n} élément', other: 'doit compter au moins {n} éléments' },
    nl: { one: 'moet ten minste {n} item bevatten', other: 'moet ten minste {n} items bevatten' },
  },
  notANumber: {
    en: 'must be a number',
    es: 'debe ser un número',
    fr: 'doit être un nombre',
    nl: 'moet een getal zijn',
  },
  notAWholeNumber: {
    en: 'must be a whole number',
    es: 'debe ser un número entero',
    fr: 'doit être un nombre entier',
    nl: 'moet een geheel getal zijn',
  },
  noControl: {
    en: 'a payload field of type {type} has no form control',
    es: 'un campo de datos de tipo {type} no tiene control de formulario',
    fr: 'un champ de données de type {type} n’a pas de contrôle de formulaire',
    nl: 'een gegevensveld van het type {type} heeft geen formulierelement',
  },
  unsupportedSchema: {
    en: 'a payload schema with {keyword} has no form',
    es: 'un esquema de datos con {keyword} no tiene formulario',
    fr: 'un schéma de données avec {keyword} n’a pas de formulaire',
    nl: 'een gegevensschema met {keyword} heeft geen formulier',
  },
  noTellingField: {
    en: 'a oneOf payload schema without a field that tells its shapes apart',
    es: 'un esquema de datos oneOf sin un campo que distinga sus formas',
    fr: 'un schéma de données oneOf sans champ qui distingue ses formes',
    nl: 'een oneOf-gegevensschema zonder veld dat de vormen onderscheidt',
  },
});
