import { defineArea } from '../define';

/** Starting a process in a case: the type, the start form's sections, and how a start went. */
export default defineArea('start', {
  heading: {
    en: 'Start a process in this case',
    es: 'Iniciar un proceso en este caso',
    fr: 'Lancer une procédure dans cette affaire',
    nl: 'Een procedure starten in deze zaak',
  },
  processType: {
    en: 'Process type (required)',
    es: 'Tipo de proceso (obligatorio)',
    fr: 'Type de procédure (obligatoire)',
    nl: 'Type procedure (verplicht)',
  },
  choose: { en: 'Choose…', es: 'Elija…', fr: 'Choisissez…', nl: 'Kies…' },
  submit: {
    en: 'Start the process',
    es: 'Iniciar el proceso',
    fr: 'Lancer la procédure',
    nl: 'De procedure starten',
  },
  submitAgain: {
    en: 'Start the process: send again',
    es: 'Iniciar el proceso: enviar de nuevo',
    fr: 'Lancer la procédure : renvoyer',
    nl: 'De procedure starten: opnieuw verzenden',
  },
  discard: { en: 'Discard it', es: 'Descartarlo', fr: 'L’abandonner', nl: 'Verwijderen' },
  cannotDraw: {
    en: "This type's start form cannot be drawn here ({message}).",
    es: 'El formulario de inicio de este tipo no puede mostrarse aquí ({message}).',
    fr: 'Le formulaire de lancement de ce type ne peut pas être affiché ici ({message}).',
    nl: 'Het startformulier van dit type kan hier niet worden getoond ({message}).',
  },
  hint: {
    en: '{reference}. The process starts in case {caseId}.',
    es: '{reference}. El proceso se inicia en el caso {caseId}.',
    fr: '{reference}. La procédure est lancée dans l’affaire {caseId}.',
    nl: '{reference}. De procedure start in zaak {caseId}.',
  },
  request: { en: 'The request', es: 'La solicitud', fr: 'La demande', nl: 'Het verzoek' },
  details: { en: 'Details', es: 'Detalles', fr: 'Détails', nl: 'Details' },
  partyRequired: {
    en: '{party} (required)',
    es: '{party} (parte obligatoria)',
    fr: '{party} (partie obligatoire)',
    nl: '{party} (verplichte partij)',
  },
  partyOptional: {
    en: '{party} (optional)',
    es: '{party} (parte opcional)',
    fr: '{party} (partie facultative)',
    nl: '{party} (optionele partij)',
  },
  legalBasis: { en: '{id}: {name}', es: '{id}: {name}', fr: '{id} : {name}', nl: '{id}: {name}' },
  legalBasisBetween: {
    en: '{id}: {name} (between {number} states)',
    es: '{id}: {name} (entre {number} Estados)',
    fr: '{id} : {name} (entre {number} États)',
    nl: '{id}: {name} (tussen {number} staten)',
  },
  fieldsNeedAttention: {
    en: { one: 'One field needs attention.', other: '{number} fields need attention.' },
    es: { one: 'Un campo requiere atención.', other: '{number} campos requieren atención.' },
    fr: { one: 'Un champ demande votre attention.', other: '{number} champs demandent votre attention.' },
    nl: { one: 'Eén veld vraagt aandacht.', other: '{number} velden vragen aandacht.' },
  },
  discarded: {
    en: "Discarded. If it had started, the case's processes list it: check there before starting anew, which starts another.",
    es: 'Descartado. Si se inició, figura entre los procesos del caso: compruébelo allí antes de iniciarlo de nuevo, lo que iniciaría otro.',
    fr: 'Abandonné. Si elle a été lancée, elle figure parmi les procédures de l’affaire : vérifiez-le avant de relancer, ce qui en lancerait une autre.',
    nl: 'Verwijderd. Als de procedure toch is gestart, staat ze bij de procedures van de zaak: kijk daar voordat u opnieuw start, want dat start een tweede.',
  },
  chooseType: {
    en: 'Choose the type of process to start.',
    es: 'Elija el tipo de proceso que desea iniciar.',
    fr: 'Choisissez le type de procédure à lancer.',
    nl: 'Kies het type procedure dat u wilt starten.',
  },
  started: {
    en: 'Started {id}, now {stage}.',
    es: 'Proceso {id} iniciado, ahora {stage}.',
    fr: 'Procédure {id} lancée, désormais {stage}.',
    nl: 'Procedure {id} gestart, nu {stage}.',
  },
  forbidden: {
    en: 'You may not start processes: {message}',
    es: 'No puede iniciar procesos: {message}',
    fr: 'Vous ne pouvez pas lancer de procédures : {message}',
    nl: 'U mag geen procedures starten: {message}',
  },
  notConfirmed: {
    en: 'The server did not confirm ({message}). It may have started: send it again as it is to find out; it starts one process.',
    es: 'El servidor no lo confirmó ({message}). Puede que se haya iniciado: vuelva a enviarlo tal cual para saberlo; solo se iniciará un proceso.',
    fr: 'Le serveur n’a pas confirmé ({message}). La procédure a peut-être été lancée : renvoyez-la telle quelle pour le savoir ; une seule procédure sera lancée.',
    nl: 'De server heeft niet bevestigd ({message}). Misschien is de procedure gestart: verzend haar ongewijzigd opnieuw om dat te weten; er start maar één procedure.',
  },
  leftUnconfirmed: {
    en: 'A start sent from this tab was not confirmed. It may have started: send it again as it is to find out; it starts one process.',
    es: 'No se confirmó un inicio enviado desde esta pestaña. Puede que se haya iniciado: vuelva a enviarlo tal cual para saberlo; solo se iniciará un proceso.',
    fr: 'Un lancement envoyé depuis cet onglet n’a pas été confirmé. La procédure a peut-être été lancée : renvoyez-la telle quelle pour le savoir ; une seule procédure sera lancée.',
    nl: 'Een start die vanuit dit tabblad is verzonden, is niet bevestigd. Misschien is de procedure gestart: verzend haar ongewijzigd opnieuw om dat te weten; er start maar één procedure.',
  },
});
