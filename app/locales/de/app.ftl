chat-messages = { $count ->
    [one] { $count } Nachricht
   *[other] { $count } Nachrichten
}
auth-create-admin-account = Administratorkonto anlegen
auth-create-account = Konto anlegen
common-sign-in = Anmelden
common-loading = Wird geladen…
auth-create-your-account = Konto anlegen
auth-sign-in-title = Bei chatshare anmelden
auth-new-instance = Diese chatshare-Instanz ist neu. Ihr erstes Konto verwaltet sie: Es nimmt neue Mitglieder auf und entscheidet, wer Chats teilen darf.
auth-new-instance-sso = Diese chatshare-Instanz ist neu: Wer sich zuerst anmeldet, verwaltet sie.
common-name = Name
common-email = E-Mail
common-password = Passwort
common-please-wait = Bitte warten…
auth-redirecting = Weiterleitung zur Anmeldung…
auth-pending-title = Dein Konto wartet auf die Freigabe durch einen Administrator
auth-pending-text = Ein Administrator dieser chatshare-Instanz muss dein Konto freigeben, bevor du es nutzen kannst. Bitte schau später wieder vorbei.
common-sign-out = Abmelden
common-settings = Einstellungen
common-admin-panel = Verwaltung
auth-chats = Deine Chats
auth-account = Konto
auth-api-keys = API-Schlüssel
auth-create-api-key = API-Schlüssel erstellen
auth-copy-new-key-now = Kopiere deinen neuen Schlüssel jetzt: Er wird nicht noch einmal angezeigt.
auth-new-api-key = Neuer API-Schlüssel
auth-no-api-keys = Keine API-Schlüssel.
common-revoke = Widerrufen
auth-signed-in-as = Angemeldet als { $email } · { $role ->
    [admin] Administrator
    [pending] wartend
   *[user] Mitglied
}
auth-api-key-use-before = Verwende einen API-Schlüssel als
auth-api-key-use-after = mit der JSON-API.
auth-key-created = erstellt
sso-continue-with = Weiter mit { $provider }
shell-toggle-sidebar = Seitenleiste ein- oder ausblenden
shell-sidebar = Seitenleiste

## Notices
notice-link-password = Dieser Link braucht ein Passwort.
notice-link-password-wrong = Das Passwort stimmt nicht.
notice-link-locked = Für diesen Link wurden zu oft falsche Passwörter eingegeben. Versuche es in ein paar Minuten erneut.
notice-link-gone = Dieser geteilte Chat ist nicht mehr verfügbar.
notice-link-expired = Dieser Link ist abgelaufen.
notice-already-open = Du kannst diesen Chat bereits öffnen.
notice-e403 = Dazu fehlt dir die Berechtigung.
notice-e404 = Wir konnten nicht finden, was du suchst.
notice-e422 = Eine Eingabe ist ungültig. Bitte prüfe sie und versuche es erneut.
notice-e429 = Zu viele Versuche. Bitte warte einen Moment und versuche es erneut.
notice-e500 = Bei uns ist etwas schiefgegangen. Bitte versuche es erneut.
error-unreachable = Der Server ist nicht erreichbar. Prüfe deine Verbindung und versuche es erneut.
error-unauthenticated = Du bist nicht angemeldet, oder deine Sitzung ist abgelaufen. Bitte melde dich erneut an.
error-too-large = Die Anfrage ist zu groß.
error-internal = Bei uns ist etwas schiefgegangen. Bitte versuche es erneut.
chat-new-chat-button = + Neuer Chat
chat-community = Community
chat-search-chats = Chats durchsuchen
chat-chats = Chats
chat-sign-in-to-see = Melde dich an, um deine Chats zu sehen.
chat-no-chats-yet = Noch keine Chats.
chat-show-more-chats = Weitere Chats anzeigen
chat-pinned = Angeheftet
chat-new-title = Neuer Titel
common-share = Teilen
common-rename = Umbenennen
chat-pin = Anheften
chat-unpin = Lösen
chat-archive = Archivieren
chat-export = Exportieren
common-delete = Löschen
chat-delete-chat = Chat löschen?
common-cancel = Abbrechen
chat-message = Nachricht
chat-send-message = Nachricht senden
chat-scroll-latest-message = Zur neuesten Nachricht scrollen
chat-stop = Stopp
chat-deleted-or-signed-out = Dieser Chat wurde gelöscht, oder deine Sitzung ist beendet.
chat-no-longer-shared = Dieser Chat ist nicht mehr mit dir geteilt.
chat-writing = schreibt…
chat-chat-not-available = Chat nicht verfügbar
chat-no-messages-yet = Noch keine Nachrichten.
chat-assistant = Assistent
chat-system = System
chat-you = Du
chat-next-version = Nächste Version
chat-previous-version = Vorherige Version
chat-next-answer = Nächste Antwort
chat-previous-answer = Vorherige Antwort
chat-copy-link-message = Link zu dieser Nachricht kopieren
chat-new-since-last-looked = Neu seit deinem letzten Besuch
chat-copied-clipboard = In die Zwischenablage kopiert!
chat-browser-blocked-copying = Dein Browser hat das Kopieren blockiert.
chat-message-tools = Nachrichtenwerkzeuge
common-copy = Kopieren
common-edit = Bearbeiten
chat-regenerate = Neu erzeugen
chat-read-aloud = Vorlesen
chat-info = Info
chat-no-time-recorded = Keine Zeit erfasst
chat-edit-message = Deine Nachricht bearbeiten
chat-save-submit = Speichern und senden
chat-link-message-copied = Link zu dieser Nachricht kopiert.
chat-browser-blocked-copying-address = Dein Browser hat das Kopieren blockiert: Die Adressleiste enthält den Link zu dieser Nachricht.
common-copied = Kopiert!
chat-code-copied = Code kopiert.
chat-browser-blocked-copying-code = Dein Browser hat das Kopieren blockiert. Der Code ist markiert: Drücke Strg+C.
chat-options-for = Optionen für den Chat { $title }
chat-delete-confirm = Damit werden „{ $title }“ und sein geteilter Link gelöscht. Das lässt sich nicht rückgängig machen.
share-copied-shared-chat-url = Adresse des geteilten Chats in die Zwischenablage kopiert!
share-dialog-title = Chat teilen
share-link-deleted = Der Link wurde gelöscht. Niemand kann ihn mehr öffnen.
share-new-link-note = Nachrichten, die du nach dem Erstellen des Links sendest, werden nicht geteilt. Wer die Adresse hat, kann den geteilten Chat ansehen.
share-link = Link
share-delete-title = Diesen Link löschen?
share-delete-warning = Diesen Link löschen? Wer ihn öffnet, erfährt, dass es ihn nicht mehr gibt; ein neuer Link bekommt eine neue Adresse.
share-keep = Behalten
share-qr-code = QR-Code
share-qr-code-link = QR-Code des Links
share-download-qr-code = QR-Code herunterladen
share-no-permission = Du darfst keine Chats teilen.
share-copy-blocked = Dein Browser hat das Kopieren nicht erlaubt. Drücke Strg+C zum Kopieren:
share-changes-pending = Deine Änderungen gelten, sobald du auf „Aktualisieren und Link kopieren“ drückst.
share-copy-link = Link kopieren
share-to-community = In der Open WebUI Community teilen
share-audience-only-me = { $what ->
    [folder] Nur du (und Administratoren) können den Ordner und seine Chats öffnen.
   *[link] Nur du (und Administratoren) können den Link öffnen.
}
share-audience-people = { $what ->
    [folder] Nur die Personen, die du auswählst, können den Ordner und seine Chats nach der Anmeldung öffnen.
   *[link] Nur die Personen, die du auswählst, können den Link nach der Anmeldung öffnen.
}
share-audience-members = { $what ->
    [folder] Jedes Mitglied dieser Instanz kann den Ordner und seine Chats nach der Anmeldung öffnen.
   *[link] Jedes Mitglied dieser Instanz kann den Link nach der Anmeldung öffnen.
}
share-audience-anyone = { $what ->
    [folder] Wer den Link hat, kann den Ordner und seine Chats ohne Konto öffnen. Suchmaschinen bleiben außen vor.
   *[link] Wer den Link hat, kann ihn ohne Konto öffnen. Suchmaschinen bleiben außen vor.
}
share-pick-someone = Wähle mindestens eine Person oder Gruppe aus, oder lege fest, wer den Link sonst öffnen kann.
share-pick-someone-folder = Wähle mindestens eine Person oder Gruppe aus, oder lege fest, wer ihn sonst öffnen kann.
share-loading-who-open = Wird geladen, wer ihn öffnen kann…
share-asking-access = Bitten um Zugriff
share-approve = Zulassen
share-decline = Ablehnen
share-only-me = Nur ich
share-specific-people = Bestimmte Personen
share-everyone-instance = Alle auf dieser Instanz
share-anyone-link = Alle mit dem Link
share-who-open-link = Wer den Link öffnen kann
share-who-open-folder = Wer den Ordner öffnen kann
share-find-people-groups = Personen und Gruppen finden
share-type-name = Namen eingeben
share-nobody-else-has-account = Noch hat niemand sonst ein Konto.
share-let-them-continue-chat = Sie dürfen den Chat fortsetzen
share-let-them-continue-chats = Sie dürfen die Chats fortsetzen und eigene hinzufügen
share-they-see-chat-as = Sie sehen den Chat so, wie er jetzt ist, und können Nachrichten hinzufügen, die mit ihrem Namen gezeichnet sind.
common-save = Speichern
share-pick-date-link-expires = Wähle das Datum, an dem der Link abläuft, oder eine andere Möglichkeit.
common-never = Nie
share-unchanged = Unverändert
share-expiry-password = Ablauf und Passwort
share-expires-label = Läuft ab
share-1-day = In 1 Tag
share-7-days = In 7 Tagen
share-30-days = In 30 Tagen
share-date = An einem Datum…
share-expiry-date = Ablaufdatum
share-password-optional = Passwort (optional)
share-password-set-type-new = Passwort (gesetzt; gib ein neues ein, um es zu ändern)
share-remove-password = Passwort entfernen
share-shared-before-start = Du hast diesen Chat
share-shared-before-link = bereits geteilt
share-shared-before-end = .
share-delete-start = Klicke hier, um
share-delete-link = diesen Link zu löschen
share-delete-end = und einen neuen geteilten Link zu erstellen.
share-opens-in-new-tab = Öffnet { $place } in einem neuen Tab
share-this-community = die Community dieser Instanz
share-expiry-longest = Nach { $days } Tagen (die längste erlaubte Dauer)
share-expiry-default = In { $days } Tagen (Vorgabe dieser Instanz)
share-summary-expires = läuft ab
share-summary-never-expires = läuft nie ab
share-summary-password-set = Passwort gesetzt
share-summary-password-typed = neues Passwort eingegeben
common-working = Wird ausgeführt…
share-update-and-copy = Aktualisieren und Link kopieren
ui-something-went-wrong = Etwas ist schiefgegangen
ui-back-start = Zurück zum Anfang
ui-page-not-found = Seite nicht gefunden
ui-nothing-here = Unter dieser Adresse gibt es nichts.
settings-data = Daten
auth-have-account = Du hast schon ein Konto?
auth-no-account = Noch kein Konto?
auth-create-one = Jetzt anlegen
chat-send = Senden
share-delete-link-button = Link löschen
settings-profile-saved = Profil gespeichert.
settings-profile = Profil
settings-upload-picture = Bild hochladen
settings-use-initials-instead = Stattdessen Initialen verwenden
settings-initials-colour = Farbe deiner Initialen
settings-save-profile = Profil speichern
settings-current-password = Aktuelles Passwort
settings-new-password = Neues Passwort
settings-new-password-again = Neues Passwort wiederholen
settings-change-password = Passwort ändern
settings-new-passwords-differ = Die neuen Passwörter stimmen nicht überein.
settings-password-changed = Passwort geändert. Deine anderen Sitzungen wurden abgemeldet.
settings-system = System
settings-light = Hell
settings-dark = Dunkel
settings-appearance-chats = Darstellung und Chats
settings-theme = Design
settings-default-model = Standardmodell
settings-first-model = Das erste angebotene
settings-system-prompt = Systemprompt für neue Chats
settings-system-prompt-example = Zum Beispiel: Antworte kurz und auf Deutsch.
settings-system-prompt-note = Wird dem Modell vor jeder Runde der Chats gesendet, die du ab jetzt beginnst. Geteilte Links zeigen ihn nie.
common-saved = Gespeichert.
settings-color-blue = Blau
settings-color-violet = Violett
settings-color-magenta = Magenta
settings-color-orange = Orange
settings-color-green = Grün
settings-color-teal = Petrol
settings-color-grey = Grau
settings-email = E-Mail: { $email }
settings-general = Allgemein
settings-language = Sprache
settings-language-automatic = Automatisch (die Sprache deines Browsers)
admin-settings-saved = Einstellungen gespeichert.
admin-authentication = Anmeldung
admin-sign-up-hint = Neue Personen können ein Konto anlegen.
admin-enable-sign-up = Registrierung erlauben
admin-default-user-role = Standardrolle neuer Konten
admin-default-role-hint = Wartende Konten brauchen die Freigabe eines Administrators.
admin-api-keys-hint = Nutzer können API-Schlüssel für Skripte erstellen.
admin-enable-api-keys = API-Schlüssel erlauben
admin-sharing = Teilen
admin-member-links-hint = Ein Link darf für jedes freigegebene Mitglied dieser Instanz offen sein (so beginnt jeder neue Link).
admin-links-every-member = Links für alle Mitglieder
admin-anyone-links-hint = Ein Link darf für alle offen sein, die ihn haben, auch ohne Konto. Seine Seite bleibt Suchmaschinen verborgen.
admin-links-anyone = Links für alle
admin-folders-hint = Mitglieder dürfen ihre Chats in Ordnern ablegen (features.folders von Open WebUI).
admin-folders = Ordner
admin-folder-sharing-hint = Mitglieder dürfen einen ganzen Ordner mit Personen, Gruppen oder allen Mitgliedern teilen, lesend oder schreibend (sharing.folders; Administratoren dürfen es immer).
admin-folder-sharing = Ordner teilen
admin-community-sharing-hint = „In der Open WebUI Community teilen“ im Teilen-Dialog anbieten.
admin-enable-community-sharing = Teilen in der Community erlauben
admin-community-sharing-url = Adresse für das Teilen in der Community
admin-use-instance-s-community = Die Community dieser Instanz verwenden
admin-link-previews-embeds = Linkvorschauen und Einbettungen
admin-instance-name = Name der Instanz
admin-instance-name-hint = Erscheint auf Vorschaukarten, in eingebetteten Chats („Öffnen in …“) und bei oEmbed-Clients.
admin-sites-may-embed-shared = Websites, die geteilte Chats einbetten dürfen
admin-embed-hint = Für Links, die für alle offen sind. * für jede Website oder eine Adresse pro Zeile (https://blog.example.com); leer: keine Einbettung. Keine andere Seite darf eingerahmt werden.
admin-community = Community
admin-community-hub-hint = Diese Instanz beherbergt eine Community: /community, ihre Upload-Seite (/chats/upload) und ihre API.
admin-community-hub = Community-Hub
admin-index-hint = Öffentliche Community-Chats und die Galerie dürfen in Suchmaschinen erscheinen (sonst bitten sie, nicht indexiert zu werden).
admin-let-search-engines-index = Von Suchmaschinen indexieren lassen
admin-instances-allowed-upload = Instanzen, die hochladen dürfen
admin-allowed-origins-hint = Eine Adresse pro Zeile (https://chat.example.com). Diese Instanz darf immer hochladen; eine andere Instanz teilt hierher, wenn ihre Community-Adresse /chats/upload dieser Instanz ist.
admin-moderate-community-chats = Community-Chats moderieren
admin-quota-whole-number-megabytes = Das Kontingent ist eine ganze Zahl in Megabyte (0 für keins).
admin-storage-per-member-mb = Speicher pro Mitglied (MB)
admin-quota-hint = Wie viel jedes Mitglied insgesamt in der Community veröffentlichen darf; 0: unbegrenzt.
admin-link-lifetime = Lebensdauer von Links
admin-each-lifetime-whole-number = Jede Lebensdauer ist eine ganze Zahl von Tagen (0 für keine).
admin-default-lifetime-hint = Für Links ohne Ablaufdatum; 0: Sie laufen nie ab.
admin-default-lifetime-days = Standard-Lebensdauer (Tage)
admin-longest-lifetime-hint = Kein Link lebt länger; 0: unbegrenzt.
admin-longest-lifetime-days = Längste Lebensdauer (Tage)
admin-0-keep-forever = 0: für immer aufbewahren.
admin-keep-audit-log-days = Prüfprotokoll aufbewahren (Tage)
admin-default-permissions = Standardberechtigungen
admin-chat-sharing-hint = Nutzer dürfen geteilte Links erstellen und aktualisieren (chat.share). Ausnahmen pro Nutzer stehen im Tab „Nutzer“.
admin-allow-chat-sharing = Teilen von Chats erlauben
admin-text-speech = Sprachausgabe
admin-read-aloud-hint = Geteilte Seiten bieten „Vorlesen“ an, gesprochen vom Browser der Lesenden.
admin-read-aloud = Vorlesen
admin-speech-rate-must-number = Die Sprechgeschwindigkeit muss eine Zahl zwischen 0,5 und 2 sein.
admin-voice-hint = Der Name einer Stimme im Browser der Lesenden; leer für dessen Standard.
admin-voice = Stimme
admin-rate-hint = 0,5 (langsam) bis 2 (schnell).
admin-rate = Geschwindigkeit
admin-administrators-only = Nur für Administratoren
admin-only-text = Die Verwaltung ist für Administratoren dieser chatshare-Instanz. Frag einen, wenn eine Einstellung geändert werden soll.
admin-back-chats = Zurück zu deinen Chats
admin-users = Nutzer
admin-groups = Gruppen
admin-shared-links = Geteilte Links
admin-audit = Protokoll
admin-search-users = Nutzer suchen
admin-general = Allgemein
admin-connections = Verbindungen
admin-user-deleted = Nutzer gelöscht.
admin-no-users-match = Keine passenden Nutzer.
admin-role = Rolle
admin-chat-sharing = Chats teilen
admin-created = Erstellt
admin-last-active = Zuletzt aktiv
admin-actions = Aktionen
admin-delete-user = Nutzer löschen
admin-role-changed = Rolle geändert.
admin-permission-changed = Berechtigung geändert.
admin-default-plain = Standard
admin-always-admin = Immer (Administrator)
admin-never-pending = Nie (wartend)
admin-waiting-approval = Wartet auf Freigabe
admin-allowed = Erlaubt
admin-not-allowed-plain = Nicht erlaubt
admin-waiting-approval-badge = warten auf Freigabe
admin-delete-user-title = { $name } löschen?
admin-delete-user-text = Damit werden das Konto von { $name } ({ $email }), alle seine Chats und jeder Link, den es geteilt hat, gelöscht. Wer diese Links öffnet, findet nichts mehr. Das lässt sich nicht rückgängig machen.
admin-default-permission = { $allowed ->
    [yes] Standard (erlaubt)
   *[no] Standard (nicht erlaubt)
}
admin-role-of = Rolle von { $name }
admin-chat-sharing-for = Chats teilen für { $name }
admin-delete-named = { $name } löschen
admin-role-pending = wartend
admin-role-user = Mitglied
admin-default-language = Standardsprache
admin-default-language-hint = Für Personen, deren Konto und Browser keine Sprache nennen, die diese Instanz spricht.
date-today = Heute
date-yesterday = Gestern
date-previous-7-days = Letzte 7 Tage
date-previous-30-days = Letzte 30 Tage
date-month-year = { $month ->
    [1] Januar
    [2] Februar
    [3] März
    [4] April
    [5] Mai
    [6] Juni
    [7] Juli
    [8] August
    [9] September
    [10] Oktober
    [11] November
   *[12] Dezember
} { $year }
conn-none-yet = Noch keine Verbindungen. Füge unten eine hinzu.
conn-title = OpenAI-kompatible Verbindungen
conn-add-connection = Verbindung hinzufügen
conn-no-key = Kein Schlüssel (leer lassen, um ihn zu behalten)
conn-optional = Optional
conn-connection-saved = Verbindung gespeichert.
conn-connection-added = Verbindung hinzugefügt.
conn-connection-deleted = Verbindung gelöscht.
conn-base-url = Basis-URL
conn-api-key = API-Schlüssel
conn-enabled = Aktiv
conn-verify = Prüfen
conn-verifying = Wird geprüft…
conn-add-connection-2 = Verbindung hinzufügen
conn-delete-connection = Verbindung löschen?
conn-model = Modell
conn-refresh-models = Modelle neu laden
conn-no-model-available = Kein Modell verfügbar: Die verbundenen Server nennen keins oder sind nicht erreichbar.
conn-no-model-connected = Noch ist kein Modell verbunden; Nachrichten werden ohne Antwort gespeichert.
conn-set-up-connection = Verbindung einrichten
conn-ask-admin = Bitte einen Administrator, eine hinzuzufügen.
home-welcome-chatshare = Willkommen bei chatshare
home-intro = Ein selbst gehosteter Chat-Arbeitsplatz. Teile jede Unterhaltung als Link, aktualisiere oder widerrufe ihn später, und lass Kolleginnen und Kollegen sie lesend öffnen.
home-create-admin-account = Administratorkonto anlegen
home-sign-in-or-up = Anmelden oder Konto anlegen
home-start = Beginne einen Chat: Frag, was du willst, und teile die Unterhaltung dann als Link.
home-recent-chats = Letzte Chats
chat-folders = Ordner
conn-intro = Jeder Server, der die API von OpenAI spricht: Ollama (http://localhost:11434/v1), vLLM, der Server von llama.cpp, OpenAI. Schlüssel bleiben auf diesem Server und werden nie wieder angezeigt.
conn-delete-text = Modelle von { $url } werden nicht mehr angeboten. Bereits geschriebene Antworten bleiben in ihren Chats.
conn-models-available = { $count ->
    [one] { $count } Modell verfügbar.
   *[other] { $count } Modelle verfügbar.
}
home-hello = Hallo, { $name }
admin-you = du
chat-stopped = abgebrochen
auth-or = oder
common-close = Schließen
chat-pinned-prefix = { "Angeheftet: " }
versions-restored = Lesende sehen wieder Version { $n } (jetzt Version { $m }).
versions-version = Version { $n }
versions-current = aktuell
versions-open = Version { $n } öffnen
versions-restore = Version { $n } wiederherstellen
versions-restore-button = Wiederherstellen
versions-delete = Version { $n } löschen
versions-loading = Versionen werden geladen…
versions-title = Versionen ({ $count })
review-in-title = im Titel
review-in-message = in Nachricht { $n }
review-clear = ✓ Datenschutzprüfung: nichts, was privat aussieht.
review-found = { $count ->
    [one] { $count } Stelle sieht privat aus. Maskiere sie vor dem Teilen.
   *[other] { $count } Stellen sehen privat aus. Maskiere sie vor dem Teilen.
}
review-all-masked = ✓ Alles, was die Datenschutzprüfung gefunden hat, ist maskiert.
review-mask-all = Alle maskieren
review-more = …und { $count } weitere, die hier nicht aufgeführt sind. Prüfe den Chat, bevor du ihn teilst.
review-too-long = Der Chat ist zu lang für eine vollständige Prüfung: Die letzten { $kb } KB wurden nicht geprüft.
review-answer = Antwort
review-other-branch = anderer Zweig
review-counts = Nachrichten: { $ticked } von { $shown } geteilt
review-label = Prüfen, was du teilst
review-title = Prüfen
review-checking = Suche nach privaten Daten…
review-every-branch = Jeden Zweig teilen (neu erzeugte Antworten und ersetzte Bearbeitungen)
review-ticks-note = Wenn du den Link aktualisierst, bleiben die angehakten Nachrichten drin und die abgehakten draußen. Später geschriebene Nachrichten kommen hinzu, wenn sie auf dem Zweig liegen, den du siehst (oder auf jedem Zweig, wenn jeder Zweig geteilt wird).
review-preview = Vorschau für Lesende
review-preview-by = { $count ->
    [one] Geteilt von { $name } · { $count } Nachricht insgesamt
   *[other] Geteilt von { $name } · { $count } Nachrichten insgesamt
}
review-masked = Maskiert ✓
review-mask = Maskieren
finding-api-key = API-Schlüssel oder Token
finding-aws-key = AWS-Zugriffsschlüssel
finding-jwt = Anmeldetoken (JWT)
finding-private-key = Privater Schlüssel
finding-url-password = Passwort in einer URL
finding-password = Passwort
finding-email = E-Mail-Adresse
finding-phone = Telefonnummer
finding-iban = Bankkonto (IBAN)
finding-card = Kartennummer
finding-ip = IP-Adresse
finding-near-mask = Nahe an einer Maske
finding-other = Private Daten
inbox-shared-with-me = Mit mir geteilt
inbox-empty = Noch sind keine Chats per Link mit dir geteilt. Chats, die andere mit dir namentlich, mit einer deiner Gruppen oder mit allen hier teilen, erscheinen auf dieser Seite.
inbox-new = Neu
inbox-approved = Anfrage angenommen
inbox-live = Live
inbox-shared-it = { $name } hat ihn geteilt mit { $via }
inbox-changed = geändert
inbox-updated = aktualisiert
inbox-continue = Diesen Chat fortsetzen
inbox-my-links = Meine geteilten Links
inbox-new-lower = neu
inbox-waiting-answer = warten auf deine Antwort
common-search = Suchen
access-private = Privat
access-public = Öffentlich
access-full = Öffentlich, ganzer Verlauf
