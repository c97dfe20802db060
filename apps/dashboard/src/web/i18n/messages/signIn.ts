import { defineArea } from '../define';

/** Signing in (through the identity provider, or as a local user or token), and the page's shared parts. */
export default defineArea('signIn', {
  signIn: { en: 'Sign in', es: 'Iniciar sesión', fr: 'Se connecter', nl: 'Aanmelden' },
  failed: {
    en: 'Sign-in failed: {message}',
    es: 'No se pudo iniciar sesión: {message}',
    fr: 'Échec de la connexion : {message}',
    nl: 'Aanmelden mislukt: {message}',
  },
  withProvider: {
    en: "Sign in with your organisation's account. You see what your role and agency allow.",
    es: 'Inicie sesión con la cuenta de su organización. Verá lo que su rol y su organismo permitan.',
    fr: 'Connectez-vous avec le compte de votre organisation. Vous voyez ce que votre rôle et votre organisme permettent.',
    nl: 'Meld u aan met het account van uw organisatie. U ziet wat uw rol en uw instantie toestaan.',
  },
  localSystem: {
    en: 'A local system: pick who to be. You see and may do what the API lets that user see and do.',
    es: 'Un sistema local: elija con qué usuario entrar. Verá y podrá hacer lo que la API permita ver y hacer a ese usuario.',
    fr: 'Un système local : choisissez qui vous êtes. Vous voyez et pouvez faire ce que l’API permet à cet utilisateur de voir et de faire.',
    nl: 'Een lokaal systeem: kies wie u bent. U ziet en mag wat de API die gebruiker laat zien en doen.',
  },
  orPaste: {
    en: 'Or paste a token',
    es: 'O pegue un token',
    fr: 'Ou collez un jeton',
    nl: 'Of plak een token',
  },
  pasteHint: {
    en: 'Paste a token. On a local system: {command} (agency users add {agencyOption}). You see what the API lets that token see.',
    es: 'Pegue un token. En un sistema local: {command} (los usuarios de un organismo añaden {agencyOption}). Verá lo que la API permita ver a ese token.',
    fr: 'Collez un jeton. Sur un système local : {command} (les utilisateurs d’un organisme ajoutent {agencyOption}). Vous voyez ce que l’API permet à ce jeton de voir.',
    nl: 'Plak een token. Op een lokaal systeem: {command} (gebruikers van een instantie voegen {agencyOption} toe). U ziet wat de API dat token laat zien.',
  },
  notAccepted: {
    en: 'The API did not accept this token.',
    es: 'La API no aceptó este token.',
    fr: 'L’API n’a pas accepté ce jeton.',
    nl: 'De API heeft dit token niet geaccepteerd.',
  },
  pickUser: {
    en: 'Pick a user',
    es: 'Elija un usuario',
    fr: 'Choisissez un utilisateur',
    nl: 'Kies een gebruiker',
  },
  user: { en: 'User', es: 'Usuario', fr: 'Utilisateur', nl: 'Gebruiker' },
  role: { en: 'Role', es: 'Rol', fr: 'Rôle', nl: 'Rol' },
  agency: { en: 'Agency', es: 'Organismo', fr: 'Organisme', nl: 'Instantie' },
  agencyHint: {
    en: 'the agency this user works for, e.g. gr-coastguard',
    es: 'el organismo para el que trabaja este usuario, p. ej. gr-coastguard',
    fr: 'l’organisme pour lequel travaille cet utilisateur, p. ex. gr-coastguard',
    nl: 'de instantie waarvoor deze gebruiker werkt, bijv. gr-coastguard',
  },
  signInAsUser: {
    en: 'Sign in as this user',
    es: 'Iniciar sesión como este usuario',
    fr: 'Se connecter en tant que cet utilisateur',
    nl: 'Aanmelden als deze gebruiker',
  },
  fieldProblem: {
    en: '{field}: {problem}',
    es: '{field}: {problem}',
    fr: '{field} : {problem}',
    nl: '{field}: {problem}',
  },
  pasteLabel: { en: 'Paste a token', es: 'Pegar un token', fr: 'Coller un jeton', nl: 'Een token plakken' },
  bearerToken: { en: 'Bearer token', es: 'Token de portador', fr: 'Jeton porteur', nl: 'Bearer-token' },
  providerRefused: {
    en: 'The identity provider refused: {reason}',
    es: 'El proveedor de identidad se negó: {reason}',
    fr: 'Le fournisseur d’identité a refusé : {reason}',
    nl: 'De identiteitsprovider weigerde: {reason}',
  },
  unexpectedAnswer: {
    en: 'Sign-in answer not expected; try again.',
    es: 'Respuesta de inicio de sesión inesperada; inténtelo de nuevo.',
    fr: 'Réponse de connexion inattendue ; réessayez.',
    nl: 'Onverwacht antwoord op het aanmelden; probeer het opnieuw.',
  },
  noToken: {
    en: 'The identity provider did not issue a token: {reason}',
    es: 'El proveedor de identidad no emitió ningún token: {reason}',
    fr: 'Le fournisseur d’identité n’a pas délivré de jeton : {reason}',
    nl: 'De identiteitsprovider heeft geen token uitgegeven: {reason}',
  },
});
