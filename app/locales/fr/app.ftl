chat-messages = { $count ->
    [one] { $count } message
   *[other] { $count } messages
}
auth-create-admin-account = Créer le compte administrateur
auth-create-account = Créer un compte
common-sign-in = Se connecter
common-loading = Chargement…
auth-create-your-account = Créer votre compte
auth-sign-in-title = Connexion à chatshare
auth-new-instance = Cette instance chatshare est nouvelle. Son premier compte l’administre : il approuve les nouveaux membres et décide qui peut partager des conversations.
auth-new-instance-sso = Cette instance chatshare est nouvelle : la première personne qui se connecte l’administre.
common-name = Nom
common-email = E-mail
common-password = Mot de passe
common-please-wait = Veuillez patienter…
auth-redirecting = Redirection vers la connexion…
auth-pending-title = Votre compte attend l’approbation d’un administrateur
auth-pending-text = Un administrateur de cette instance chatshare doit approuver votre compte avant que vous puissiez l’utiliser. Revenez plus tard.
common-sign-out = Se déconnecter
common-settings = Paramètres
common-admin-panel = Administration
auth-chats = Vos conversations
auth-account = Compte
auth-api-keys = Clés d’API
auth-create-api-key = Créer une clé d’API
auth-copy-new-key-now = Copiez votre nouvelle clé maintenant : elle ne sera plus affichée.
auth-new-api-key = Nouvelle clé d’API
auth-no-api-keys = Aucune clé d’API.
common-revoke = Révoquer
auth-signed-in-as = Connecté en tant que { $email } · { $role ->
    [admin] administrateur
    [pending] en attente
   *[user] membre
}
auth-api-key-use-before = Utilisez une clé d’API comme
auth-api-key-use-after = avec l’API JSON.
auth-key-created = créée le
sso-continue-with = Continuer avec { $provider }
shell-toggle-sidebar = Afficher ou masquer la barre latérale
shell-sidebar = Barre latérale

## Notices
notice-link-password = Ce lien demande un mot de passe.
notice-link-password-wrong = Ce mot de passe n’est pas le bon.
notice-link-locked = Ce lien a reçu trop de mauvais mots de passe. Réessayez dans quelques minutes.
notice-link-gone = Cette conversation partagée n’est plus disponible.
notice-link-expired = Ce lien a expiré.
notice-already-open = Vous pouvez déjà ouvrir cette conversation.
notice-e403 = Vous n’avez pas l’autorisation de faire cela.
notice-e404 = Nous n’avons pas trouvé ce que vous cherchez.
notice-e422 = Une saisie n’est pas valide. Vérifiez-la et réessayez.
notice-e429 = Trop de tentatives. Patientez un instant et réessayez.
notice-e500 = Un problème est survenu de notre côté. Réessayez.
error-unreachable = Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.
error-unauthenticated = Vous n’êtes pas connecté, ou votre session a expiré. Connectez-vous à nouveau.
error-too-large = Le corps de la requête est trop volumineux.
error-internal = Un problème est survenu de notre côté. Réessayez.
chat-new-chat-button = + Nouvelle conversation
chat-community = Communauté
chat-search-chats = Rechercher dans les conversations
chat-chats = Conversations
chat-sign-in-to-see = Connectez-vous pour voir vos conversations.
chat-no-chats-yet = Aucune conversation pour l’instant.
chat-show-more-chats = Afficher plus de conversations
chat-pinned = Épinglées
chat-new-title = Nouveau titre
common-share = Partager
common-rename = Renommer
chat-pin = Épingler
chat-unpin = Désépingler
chat-archive = Archiver
chat-export = Exporter
common-delete = Supprimer
chat-delete-chat = Supprimer la conversation ?
common-cancel = Annuler
chat-message = Message
chat-send-message = Envoyer un message
chat-scroll-latest-message = Aller au dernier message
chat-stop = Arrêter
chat-deleted-or-signed-out = Cette conversation a été supprimée, ou votre session a pris fin.
chat-no-longer-shared = Cette conversation n’est plus partagée avec vous.
chat-writing = écrit…
chat-chat-not-available = Conversation indisponible
chat-no-messages-yet = Aucun message pour l’instant.
chat-assistant = Assistant
chat-system = Système
chat-you = Vous
chat-next-version = Version suivante
chat-previous-version = Version précédente
chat-next-answer = Réponse suivante
chat-previous-answer = Réponse précédente
chat-copy-link-message = Copier le lien vers ce message
chat-new-since-last-looked = Nouveau depuis votre dernière visite
chat-copied-clipboard = Copié dans le presse-papiers !
chat-browser-blocked-copying = Votre navigateur a bloqué la copie.
chat-message-tools = Outils du message
common-copy = Copier
common-edit = Modifier
chat-regenerate = Régénérer
chat-read-aloud = Lire à voix haute
chat-info = Infos
chat-no-time-recorded = Aucune heure enregistrée
chat-edit-message = Modifier votre message
chat-save-submit = Enregistrer et envoyer
chat-link-message-copied = Lien vers ce message copié.
chat-browser-blocked-copying-address = Votre navigateur a bloqué la copie : la barre d’adresse contient le lien vers ce message.
common-copied = Copié !
chat-code-copied = Code copié.
chat-browser-blocked-copying-code = Votre navigateur a bloqué la copie. Le code est sélectionné : appuyez sur Ctrl+C.
chat-options-for = Options de la conversation { $title }
chat-delete-confirm = Cela supprime « { $title } » et son lien de partage. Cette action est irréversible.
share-copied-shared-chat-url = Adresse de la conversation partagée copiée dans le presse-papiers !
share-dialog-title = Partager la conversation
share-link-deleted = Le lien a été supprimé. Plus personne ne peut l’ouvrir.
share-new-link-note = Les messages envoyés après la création du lien ne seront pas partagés. Les personnes qui ont l’adresse pourront voir la conversation partagée.
share-link = Lien
share-delete-title = Supprimer ce lien ?
share-delete-warning = Supprimer ce lien ? Quiconque l’ouvre apprendra qu’il n’existe plus ; un nouveau lien aura une nouvelle adresse.
share-keep = Le garder
share-qr-code = QR code
share-qr-code-link = QR code du lien
share-download-qr-code = Télécharger le QR code
share-no-permission = Vous n’avez pas l’autorisation de partager des conversations.
share-copy-blocked = Votre navigateur n’a pas autorisé la copie. Appuyez sur Ctrl+C pour copier :
share-changes-pending = Vos modifications s’appliquent quand vous appuyez sur « Mettre à jour et copier le lien ».
share-copy-link = Copier le lien
share-to-community = Partager sur la communauté Open WebUI
share-audience-only-me = { $what ->
    [folder] Seuls vous (et les administrateurs) pouvez ouvrir le dossier et ses conversations.
   *[link] Seuls vous (et les administrateurs) pouvez ouvrir le lien.
}
share-audience-people = { $what ->
    [folder] Seules les personnes que vous choisissez peuvent ouvrir le dossier et ses conversations, après connexion.
   *[link] Seules les personnes que vous choisissez peuvent ouvrir le lien, après connexion.
}
share-audience-members = { $what ->
    [folder] Chaque membre de cette instance peut ouvrir le dossier et ses conversations après connexion.
   *[link] Chaque membre de cette instance peut ouvrir le lien après connexion.
}
share-audience-anyone = { $what ->
    [folder] Toute personne qui a le lien peut ouvrir le dossier et ses conversations, sans compte. Les moteurs de recherche restent à l’écart.
   *[link] Toute personne qui a le lien peut l’ouvrir, sans compte. Les moteurs de recherche restent à l’écart.
}
share-pick-someone = Choisissez au moins une personne ou un groupe, ou indiquez qui d’autre peut ouvrir le lien.
share-pick-someone-folder = Choisissez au moins une personne ou un groupe, ou indiquez qui d’autre peut l’ouvrir.
share-loading-who-open = Chargement des personnes qui peuvent l’ouvrir…
share-asking-access = Demandes d’accès
share-approve = Approuver
share-decline = Refuser
share-only-me = Moi seul
share-specific-people = Certaines personnes
share-everyone-instance = Tout le monde sur cette instance
share-anyone-link = Toute personne ayant le lien
share-who-open-link = Qui peut ouvrir le lien
share-who-open-folder = Qui peut ouvrir le dossier
share-find-people-groups = Trouver des personnes et des groupes
share-type-name = Saisissez un nom
share-nobody-else-has-account = Personne d’autre n’a encore de compte.
share-let-them-continue-chat = Leur permettre de poursuivre la conversation
share-let-them-continue-chats = Leur permettre de poursuivre les conversations et d’en ajouter
share-they-see-chat-as = Ils voient la conversation telle qu’elle est maintenant et peuvent y ajouter des messages, signés de leur nom.
common-save = Enregistrer
share-pick-date-link-expires = Choisissez la date d’expiration du lien, ou une autre option.
common-never = Jamais
share-unchanged = Inchangé
share-expiry-password = Expiration et mot de passe
share-expires-label = Expire
share-1-day = Dans 1 jour
share-7-days = Dans 7 jours
share-30-days = Dans 30 jours
share-date = À une date…
share-expiry-date = Date d’expiration
share-password-optional = Mot de passe (facultatif)
share-password-set-type-new = Mot de passe (défini ; saisissez-en un nouveau pour le changer)
share-remove-password = Supprimer le mot de passe
share-shared-before-start = Vous avez déjà partagé cette conversation
share-shared-before-link = auparavant
share-shared-before-end = .
share-delete-start = Cliquez ici pour
share-delete-link = supprimer ce lien
share-delete-end = et créer un nouveau lien de partage.
share-opens-in-new-tab = Ouvre { $place } dans un nouvel onglet
share-this-community = la communauté de cette instance
share-expiry-longest = Après { $days } jours (la durée maximale autorisée)
share-expiry-default = Dans { $days } jours (valeur par défaut de cette instance)
share-summary-expires = expire
share-summary-never-expires = n’expire jamais
share-summary-password-set = mot de passe défini
share-summary-password-typed = nouveau mot de passe saisi
common-working = En cours…
share-update-and-copy = Mettre à jour et copier le lien
ui-something-went-wrong = Un problème est survenu
ui-back-start = Retour à l’accueil
ui-page-not-found = Page introuvable
ui-nothing-here = Il n’y a rien à cette adresse.
settings-data = Données
auth-have-account = Vous avez déjà un compte ?
auth-no-account = Pas encore de compte ?
auth-create-one = En créer un
chat-send = Envoyer
share-delete-link-button = Supprimer le lien
settings-profile-saved = Profil enregistré.
settings-profile = Profil
settings-upload-picture = Importer une photo
settings-use-initials-instead = Utiliser les initiales
settings-initials-colour = Couleur de vos initiales
settings-save-profile = Enregistrer le profil
settings-current-password = Mot de passe actuel
settings-new-password = Nouveau mot de passe
settings-new-password-again = Confirmer le nouveau mot de passe
settings-change-password = Changer le mot de passe
settings-new-passwords-differ = Les nouveaux mots de passe ne correspondent pas.
settings-password-changed = Mot de passe changé. Vos autres sessions sont déconnectées.
settings-system = Système
settings-light = Clair
settings-dark = Sombre
settings-appearance-chats = Apparence et conversations
settings-theme = Thème
settings-default-model = Modèle par défaut
settings-first-model = Le premier proposé
settings-system-prompt = Prompt système des nouvelles conversations
settings-system-prompt-example = Par exemple : Réponds brièvement, en français.
settings-system-prompt-note = Envoyé au modèle avant chaque tour des conversations que vous commencez désormais. Les liens partagés ne l’affichent jamais.
common-saved = Enregistré.
settings-color-blue = Bleu
settings-color-violet = Violet
settings-color-magenta = Magenta
settings-color-orange = Orange
settings-color-green = Vert
settings-color-teal = Bleu canard
settings-color-grey = Gris
settings-email = E-mail : { $email }
settings-general = Général
settings-language = Langue
settings-language-automatic = Automatique (la langue de votre navigateur)
admin-settings-saved = Paramètres enregistrés.
admin-authentication = Authentification
admin-sign-up-hint = Les nouvelles personnes peuvent créer un compte.
admin-enable-sign-up = Autoriser l’inscription
admin-default-user-role = Rôle par défaut des utilisateurs
admin-default-role-hint = Les comptes en attente attendent l’approbation d’un administrateur.
admin-api-keys-hint = Les utilisateurs peuvent créer des clés d’API pour leurs scripts.
admin-enable-api-keys = Autoriser les clés d’API
admin-sharing = Partage
admin-member-links-hint = Un lien peut être ouvert à chaque membre approuvé de cette instance (c’est ainsi que commence un nouveau lien).
admin-links-every-member = Liens pour tous les membres
admin-anyone-links-hint = Un lien peut être ouvert à toute personne qui l’a, sans compte. Sa page reste à l’écart des moteurs de recherche.
admin-links-anyone = Liens pour tout le monde
admin-folders-hint = Les membres peuvent ranger leurs conversations dans des dossiers (features.folders d’Open WebUI).
admin-folders = Dossiers
admin-folder-sharing-hint = Les membres peuvent partager un dossier entier avec des personnes, des groupes ou tous les membres, en lecture ou en écriture (sharing.folders ; les administrateurs le peuvent toujours).
admin-folder-sharing = Partage de dossiers
admin-community-sharing-hint = Proposer « Partager sur la communauté Open WebUI » dans la boîte de dialogue de partage.
admin-enable-community-sharing = Autoriser le partage communautaire
admin-community-sharing-url = Adresse du partage communautaire
admin-use-instance-s-community = Utiliser la communauté de cette instance
admin-link-previews-embeds = Aperçus de liens et intégrations
admin-instance-name = Nom de l’instance
admin-instance-name-hint = Affiché sur les cartes d’aperçu, sur les conversations intégrées (« Ouvrir dans … ») et aux clients oEmbed.
admin-sites-may-embed-shared = Sites autorisés à intégrer des conversations partagées
admin-embed-hint = Pour les liens ouverts à tous. * pour n’importe quel site, ou une adresse par ligne (https://blog.example.com) ; vide : aucune intégration. Aucune autre page ne peut être encadrée.
admin-community = Communauté
admin-community-hub-hint = Cette instance héberge une communauté : /community, sa page d’envoi (/chats/upload) et son API.
admin-community-hub = Espace communautaire
admin-index-hint = Les conversations publiques de la communauté et la galerie peuvent apparaître dans les moteurs de recherche (sinon elles demandent à ne pas être indexées).
admin-let-search-engines-index = Laisser les moteurs de recherche l’indexer
admin-instances-allowed-upload = Instances autorisées à envoyer
admin-allowed-origins-hint = Une adresse par ligne (https://chat.example.com). Cette instance peut toujours envoyer ; une autre instance partage ici quand son adresse communautaire est /chats/upload de cette instance.
admin-moderate-community-chats = Modérer les conversations de la communauté
admin-quota-whole-number-megabytes = Le quota est un nombre entier de mégaoctets (0 pour aucun).
admin-storage-per-member-mb = Stockage par membre (Mo)
admin-quota-hint = Ce que chaque membre peut publier au total dans la communauté ; 0 : sans limite.
admin-link-lifetime = Durée de vie des liens
admin-each-lifetime-whole-number = Chaque durée est un nombre entier de jours (0 pour aucune).
admin-default-lifetime-hint = Pour les liens sans date d’expiration ; 0 : ils n’expirent jamais.
admin-default-lifetime-days = Durée par défaut (jours)
admin-longest-lifetime-hint = Aucun lien ne vit plus longtemps ; 0 : sans limite.
admin-longest-lifetime-days = Durée maximale (jours)
admin-0-keep-forever = 0 : le garder pour toujours.
admin-keep-audit-log-days = Conserver le journal d’audit (jours)
admin-default-permissions = Autorisations par défaut
admin-chat-sharing-hint = Les utilisateurs peuvent créer et mettre à jour des liens de partage (chat.share). Les exceptions par utilisateur sont dans l’onglet Utilisateurs.
admin-allow-chat-sharing = Autoriser le partage de conversations
admin-text-speech = Synthèse vocale
admin-read-aloud-hint = Les pages partagées proposent « Lire à voix haute », prononcé par le navigateur du lecteur.
admin-read-aloud = Lire à voix haute
admin-speech-rate-must-number = La vitesse de lecture doit être un nombre entre 0,5 et 2.
admin-voice-hint = Le nom d’une voix du navigateur du lecteur ; vide pour sa voix par défaut.
admin-voice = Voix
admin-rate-hint = 0,5 (lent) à 2 (rapide).
admin-rate = Vitesse
admin-administrators-only = Réservé aux administrateurs
admin-only-text = L’administration est réservée aux administrateurs de cette instance chatshare. Demandez à l’un d’eux si un paramètre doit changer.
admin-back-chats = Retour à vos conversations
admin-users = Utilisateurs
admin-groups = Groupes
admin-shared-links = Liens partagés
admin-audit = Journal
admin-search-users = Rechercher des utilisateurs
admin-general = Général
admin-connections = Connexions
admin-user-deleted = Utilisateur supprimé.
admin-no-users-match = Aucun utilisateur ne correspond.
admin-role = Rôle
admin-chat-sharing = Partage de conversations
admin-created = Créé le
admin-last-active = Dernière activité
admin-actions = Actions
admin-delete-user = Supprimer l’utilisateur
admin-role-changed = Rôle modifié.
admin-permission-changed = Autorisation modifiée.
admin-default-plain = Par défaut
admin-always-admin = Toujours (administrateur)
admin-never-pending = Jamais (en attente)
admin-waiting-approval = En attente d’approbation
admin-allowed = Autorisé
admin-not-allowed-plain = Non autorisé
admin-waiting-approval-badge = en attente d’approbation
admin-delete-user-title = Supprimer { $name } ?
admin-delete-user-text = Cela supprime le compte de { $name } ({ $email }), toutes ses conversations et chaque lien qu’il a partagé. Les personnes qui ouvrent ces liens ne trouveront rien. Cette action est irréversible.
admin-default-permission = { $allowed ->
    [yes] Par défaut (autorisé)
   *[no] Par défaut (non autorisé)
}
admin-role-of = Rôle de { $name }
admin-chat-sharing-for = Partage de conversations pour { $name }
admin-delete-named = Supprimer { $name }
admin-role-pending = en attente
admin-role-user = membre
admin-default-language = Langue par défaut
admin-default-language-hint = Pour les personnes dont le compte et le navigateur n’indiquent aucune langue parlée par cette instance.
date-today = Aujourd’hui
date-yesterday = Hier
date-previous-7-days = 7 derniers jours
date-previous-30-days = 30 derniers jours
date-month-year = { $month ->
    [1] janvier
    [2] février
    [3] mars
    [4] avril
    [5] mai
    [6] juin
    [7] juillet
    [8] août
    [9] septembre
    [10] octobre
    [11] novembre
   *[12] décembre
} { $year }
conn-none-yet = Aucune connexion pour l’instant. Ajoutez-en une ci-dessous.
conn-title = Connexions compatibles OpenAI
conn-add-connection = Ajouter une connexion
conn-no-key = Aucune clé (laisser vide pour garder l’actuelle)
conn-optional = Facultatif
conn-connection-saved = Connexion enregistrée.
conn-connection-added = Connexion ajoutée.
conn-connection-deleted = Connexion supprimée.
conn-base-url = URL de base
conn-api-key = Clé d’API
conn-enabled = Activée
conn-verify = Vérifier
conn-verifying = Vérification…
conn-add-connection-2 = Ajouter la connexion
conn-delete-connection = Supprimer la connexion ?
conn-model = Modèle
conn-refresh-models = Actualiser les modèles
conn-no-model-available = Aucun modèle disponible : les serveurs connectés n’en proposent aucun ou sont injoignables.
conn-no-model-connected = Aucun modèle n’est encore connecté : les messages sont enregistrés sans réponse.
conn-set-up-connection = Configurer une connexion
conn-ask-admin = Demandez à un administrateur d’en ajouter une.
home-welcome-chatshare = Bienvenue sur chatshare
home-intro = Un espace de conversation auto-hébergé. Partagez n’importe quelle conversation par un lien, mettez-le à jour ou révoquez-le plus tard, et laissez vos collègues l’ouvrir en lecture seule.
home-create-admin-account = Créer le compte administrateur
home-sign-in-or-up = Se connecter ou créer un compte
home-start = Commencez une conversation : posez n’importe quelle question, puis partagez la conversation par un lien.
home-recent-chats = Conversations récentes
chat-folders = Dossiers
conn-intro = Tout serveur qui parle l’API d’OpenAI : Ollama (http://localhost:11434/v1), vLLM, le serveur de llama.cpp, OpenAI. Les clés restent sur ce serveur et ne sont plus jamais affichées.
conn-delete-text = Les modèles de { $url } ne seront plus proposés. Les réponses déjà écrites restent dans leurs conversations.
conn-models-available = { $count ->
    [one] { $count } modèle disponible.
   *[other] { $count } modèles disponibles.
}
home-hello = Bonjour, { $name }
admin-you = vous
chat-stopped = interrompu
auth-or = ou
common-close = Fermer
chat-pinned-prefix = { "Épinglée : " }
versions-restored = Les lecteurs voient de nouveau la version { $n } (désormais version { $m }).
versions-version = Version { $n }
versions-current = actuelle
versions-open = Ouvrir la version { $n }
versions-restore = Restaurer la version { $n }
versions-restore-button = Restaurer
versions-delete = Supprimer la version { $n }
versions-loading = Chargement des versions…
versions-title = Versions ({ $count })
review-in-title = dans le titre
review-in-message = dans le message { $n }
review-clear = ✓ Vérification de confidentialité : rien qui semble privé.
review-found = { $count ->
    [one] { $count } élément semble privé. Masquez-le avant de partager.
   *[other] { $count } éléments semblent privés. Masquez-les avant de partager.
}
review-all-masked = ✓ Tout ce que la vérification a trouvé est masqué.
review-mask-all = Tout masquer
review-more = …et { $count } autres non listés ici. Relisez la conversation avant de la partager.
review-too-long = La conversation est trop longue pour être vérifiée en entier : ses derniers { $kb } Ko n’ont pas été vérifiés.
review-answer = Réponse
review-other-branch = autre branche
review-counts = Messages : { $ticked } sur { $shown } partagés
review-label = Relire ce que vous partagez
review-title = Relecture
review-checking = Recherche de données privées…
review-every-branch = Partager chaque branche (réponses régénérées et modifications remplacées)
review-ticks-note = Quand vous mettez à jour le lien, les messages cochés restent et ceux que vous décochez sont retirés. Les messages écrits plus tard sont ajoutés s’ils sont sur la branche que vous voyez (ou sur n’importe quelle branche, quand chaque branche est partagée).
review-preview = Aperçu pour les lecteurs
review-preview-by = { $count ->
    [one] Partagé par { $name } · { $count } message au total
   *[other] Partagé par { $name } · { $count } messages au total
}
review-masked = Masqué ✓
review-mask = Masquer
finding-api-key = Clé d’API ou jeton
finding-aws-key = Clé d’accès AWS
finding-jwt = Jeton de connexion (JWT)
finding-private-key = Clé privée
finding-url-password = Mot de passe dans une URL
finding-password = Mot de passe
finding-email = Adresse e-mail
finding-phone = Numéro de téléphone
finding-iban = Compte bancaire (IBAN)
finding-card = Numéro de carte
finding-ip = Adresse IP
finding-near-mask = Proche d’un masque
finding-other = Données privées
inbox-shared-with-me = Partagé avec moi
inbox-empty = Aucune conversation n’est encore partagée avec vous par lien. Les conversations que d’autres partagent avec vous nommément, avec un de vos groupes ou avec tout le monde ici apparaissent sur cette page.
inbox-new = Nouveau
inbox-approved = Demande approuvée
inbox-live = En direct
inbox-shared-it = { $name } l’a partagée avec { $via }
inbox-changed = modifiée
inbox-updated = mise à jour
inbox-continue = Poursuivre cette conversation
inbox-my-links = Mes liens partagés
inbox-new-lower = nouveaux
inbox-waiting-answer = en attente de votre réponse
common-search = Rechercher
access-private = Privée
access-public = Publique
access-full = Publique, historique complet
