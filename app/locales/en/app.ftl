chat-messages = { $count ->
    [one] { $count } message
   *[other] { $count } messages
}
auth-create-admin-account = Create the admin account
auth-create-account = Create account
common-sign-in = Sign in
common-loading = Loading…
auth-create-your-account = Create your account
auth-sign-in-title = Sign in to chatshare
auth-new-instance = This chatshare instance is new. Its first account administers it: it approves new members and decides who may share chats.
auth-new-instance-sso = This chatshare instance is new: the first person to sign in administers it.
common-name = Name
common-email = Email
common-password = Password
common-please-wait = Please wait…
auth-redirecting = Redirecting to sign in…
auth-pending-title = Your account is waiting for an administrator's approval
auth-pending-text = An administrator of this chatshare instance has to approve your account before you can use it. Please check back later.
common-sign-out = Sign out
common-settings = Settings
common-admin-panel = Admin Panel
auth-chats = Your chats
auth-account = Account
auth-api-keys = API keys
auth-create-api-key = Create API key
auth-copy-new-key-now = Copy your new key now: it will not be shown again.
auth-new-api-key = New API key
auth-no-api-keys = No API keys.
common-revoke = Revoke
auth-signed-in-as = Signed in as { $email } · { $role ->
    [admin] administrator
    [pending] pending
   *[user] user
}
auth-api-key-use-before = Use an API key as
auth-api-key-use-after = with the JSON API.
auth-key-created = created
sso-continue-with = Continue with { $provider }
shell-toggle-sidebar = Toggle sidebar
shell-sidebar = Sidebar

## Notices: what a page says after a form failed (error.rs)
notice-link-password = This link needs a password.
notice-link-password-wrong = That password is not right.
notice-link-locked = This link has had too many wrong passwords. Try again in a few minutes.
notice-link-gone = This shared chat is no longer available.
notice-link-expired = This link has expired.
notice-already-open = You can already open this chat.
notice-e403 = You don't have permission to do that.
notice-e404 = We could not find what you're looking for.
notice-e422 = Something you entered is not valid. Please check it and try again.
notice-e429 = Too many attempts. Please wait a moment and try again.
notice-e500 = Something went wrong on our side. Please try again.
error-unreachable = Cannot reach the server. Check your connection and try again.
error-unauthenticated = You are not signed in, or your session has expired. Please sign in again.
error-too-large = The request body is too large.
error-internal = Something went wrong on our side. Please try again.
chat-new-chat-button = + New Chat
chat-community = Community
chat-search-chats = Search chats
chat-chats = Chats
chat-sign-in-to-see = Sign in to see your chats.
chat-no-chats-yet = No chats yet.
chat-show-more-chats = Show more chats
chat-pinned = Pinned
chat-new-title = New title
common-share = Share
common-rename = Rename
chat-pin = Pin
chat-unpin = Unpin
chat-archive = Archive
chat-export = Export
common-delete = Delete
chat-delete-chat = Delete chat?
common-cancel = Cancel
chat-message = Message
chat-send-message = Send a message
chat-scroll-latest-message = Scroll to the latest message
chat-stop = Stop
chat-deleted-or-signed-out = This chat was deleted, or your session ended.
chat-no-longer-shared = This chat is no longer shared with you.
chat-writing = writing…
chat-chat-not-available = Chat not available
chat-no-messages-yet = No messages yet.
chat-assistant = Assistant
chat-system = System
chat-you = You
chat-next-version = Next version
chat-previous-version = Previous version
chat-next-answer = Next answer
chat-previous-answer = Previous answer
chat-copy-link-message = Copy link to this message
chat-new-since-last-looked = New since you last looked
chat-copied-clipboard = Copied to clipboard!
chat-browser-blocked-copying = Your browser blocked copying.
chat-message-tools = Message tools
common-copy = Copy
common-edit = Edit
chat-regenerate = Regenerate
chat-read-aloud = Read aloud
chat-info = Info
chat-no-time-recorded = No time recorded
chat-edit-message = Edit your message
chat-save-submit = Save & Submit
chat-link-message-copied = Link to this message copied.
chat-browser-blocked-copying-address = Your browser blocked copying: the address bar holds the link to this message.
common-copied = Copied!
chat-code-copied = Code copied.
chat-browser-blocked-copying-code = Your browser blocked copying. The code is selected: press Ctrl+C.
chat-options-for = Chat options for { $title }
chat-delete-confirm = This deletes “{ $title }” and its share link. This cannot be undone.
share-copied-shared-chat-url = Copied shared chat URL to clipboard!
share-dialog-title = Share Chat
share-link-deleted = The link was deleted. Nobody can open it any more.
share-new-link-note = Messages you send after creating your link won't be shared. Users with the URL will be able to view the shared chat.
share-link = Link
share-delete-title = Delete this link?
share-delete-warning = Delete this link? Everyone who opens it will be told it no longer exists; a new link gets a new address.
share-keep = Keep it
share-qr-code = QR code
share-qr-code-link = QR code of the link
share-download-qr-code = Download the QR code
share-no-permission = You don't have permission to share chats.
share-copy-blocked = Your browser did not allow copying. Press Ctrl+C to copy:
share-changes-pending = Your changes apply when you press Update and Copy Link.
share-copy-link = Copy Link
share-to-community = Share to Open WebUI Community
share-audience-only-me = { $what ->
    [folder] Only you (and administrators) can open the folder and its chats.
   *[link] Only you (and administrators) can open the link.
}
share-audience-people = { $what ->
    [folder] Only the people you pick can open the folder and its chats, after signing in.
   *[link] Only the people you pick can open the link, after signing in.
}
share-audience-members = { $what ->
    [folder] Every member of this instance can open the folder and its chats after signing in.
   *[link] Every member of this instance can open the link after signing in.
}
share-audience-anyone = { $what ->
    [folder] Anyone who has the link can open the folder and its chats, without an account. It stays out of search engines.
   *[link] Anyone who has the link can open it, without an account. It stays out of search engines.
}
share-pick-someone = Pick at least one person or group, or choose who else can open the link.
share-pick-someone-folder = Pick at least one person or group, or choose who else can open it.
share-loading-who-open = Loading who can open it…
share-asking-access = Asking for access
share-approve = Approve
share-decline = Decline
share-only-me = Only me
share-specific-people = Specific people
share-everyone-instance = Everyone on this instance
share-anyone-link = Anyone with the link
share-who-open-link = Who can open the link
share-who-open-folder = Who can open the folder
share-find-people-groups = Find people and groups
share-type-name = Type a name
share-nobody-else-has-account = Nobody else has an account yet.
share-let-them-continue-chat = Let them continue the chat
share-let-them-continue-chats = Let them continue the chats and add their own
share-they-see-chat-as = They see the chat as it is now and can add messages to it, signed with their name.
common-save = Save
share-pick-date-link-expires = Pick the date the link expires on, or another choice.
common-never = Never
share-unchanged = Unchanged
share-expiry-password = Expiry and password
share-expires-label = Expires
share-1-day = In 1 day
share-7-days = In 7 days
share-30-days = In 30 days
share-date = On a date…
share-expiry-date = Expiry date
share-password-optional = Password (optional)
share-password-set-type-new = Password (set; type a new one to change it)
share-remove-password = Remove the password
share-shared-before-start = You have shared this chat
share-shared-before-link = before
share-shared-before-end = .
share-delete-start = Click here to
share-delete-link = delete this link
share-delete-end = and create a new shared link.
share-opens-in-new-tab = Opens { $place } in a new tab
share-this-community = this instance's community
share-expiry-longest = After { $days } days (the longest allowed)
share-expiry-default = In { $days } days (this instance's default)
share-summary-expires = expires
share-summary-never-expires = never expires
share-summary-password-set = password set
share-summary-password-typed = new password typed
common-working = Working…
share-update-and-copy = Update and Copy Link
ui-something-went-wrong = Something went wrong
ui-back-start = Back to start
ui-page-not-found = Page not found
ui-nothing-here = There is nothing at this address.
settings-data = Data
auth-have-account = Already have an account?
auth-no-account = No account yet?
auth-create-one = Create one
chat-send = Send
share-delete-link-button = Delete link
settings-profile-saved = Profile saved.
settings-profile = Profile
settings-upload-picture = Upload picture
settings-use-initials-instead = Use initials instead
settings-initials-colour = Colour of your initials
settings-save-profile = Save profile
settings-current-password = Current password
settings-new-password = New password
settings-new-password-again = New password again
settings-change-password = Change password
settings-new-passwords-differ = The new passwords differ.
settings-password-changed = Password changed. Your other sessions are signed out.
settings-system = System
settings-light = Light
settings-dark = Dark
settings-appearance-chats = Appearance and chats
settings-theme = Theme
settings-default-model = Default model
settings-first-model = The first one offered
settings-system-prompt = System prompt for new chats
settings-system-prompt-example = For example: Answer briefly, in British English.
settings-system-prompt-note = Sent to the model before every turn of the chats you start from now on. Shared links never show it.
common-saved = Saved.
settings-color-blue = Blue
settings-color-violet = Violet
settings-color-magenta = Magenta
settings-color-orange = Orange
settings-color-green = Green
settings-color-teal = Teal
settings-color-grey = Grey
settings-email = Email: { $email }
settings-general = General
settings-language = Language
settings-language-automatic = Automatic (your browser's language)
admin-settings-saved = Settings saved.
admin-authentication = Authentication
admin-sign-up-hint = New people can create an account.
admin-enable-sign-up = Enable sign-up
admin-default-user-role = Default user role
admin-default-role-hint = Pending accounts wait for an administrator's approval.
admin-api-keys-hint = Users can create API keys for scripts.
admin-enable-api-keys = Enable API keys
admin-sharing = Sharing
admin-member-links-hint = A link may be open to every approved member of this instance (what a new link starts with).
admin-links-every-member = Links for every member
admin-anyone-links-hint = A link may be open to anyone who has it, without an account. Its page stays out of search engines.
admin-links-anyone = Links for anyone
admin-folders-hint = Members may keep their chats in folders (Open WebUI's features.folders).
admin-folders = Folders
admin-folder-sharing-hint = Members may share a whole folder with people, groups or every member, read or write (sharing.folders; administrators always may).
admin-folder-sharing = Folder sharing
admin-community-sharing-hint = Offer “Share to Open WebUI Community” in the Share dialog.
admin-enable-community-sharing = Enable Community Sharing
admin-community-sharing-url = Community sharing URL
admin-use-instance-s-community = Use this instance's community
admin-link-previews-embeds = Link previews and embeds
admin-instance-name = Instance name
admin-instance-name-hint = Shown on link preview cards, on embedded chats (“Open in …”) and to oEmbed clients.
admin-sites-may-embed-shared = Sites that may embed shared chats
admin-embed-hint = For links open to anyone. * for any site, or one address per line (https://blog.example.com); empty: no embeds. No other page may be framed.
admin-community = Community
admin-community-hub-hint = This instance hosts a community: /community, its upload page (/chats/upload) and its API.
admin-community-hub = Community hub
admin-index-hint = Public community chats and the gallery may appear in search engines (otherwise they ask not to be indexed).
admin-let-search-engines-index = Let search engines index it
admin-instances-allowed-upload = Instances allowed to upload
admin-allowed-origins-hint = One address per line (https://chat.example.com). This instance may always upload; another instance shares here when its community address is this instance's /chats/upload.
admin-moderate-community-chats = Moderate community chats
admin-quota-whole-number-megabytes = The quota is a whole number of megabytes (0 for none).
admin-storage-per-member-mb = Storage per member (MB)
admin-quota-hint = How much each member may publish to the community in all; 0: no limit.
admin-link-lifetime = Link lifetime
admin-each-lifetime-whole-number = Each lifetime is a whole number of days (0 for none).
admin-default-lifetime-hint = For links given no expiry; 0: they never expire.
admin-default-lifetime-days = Default lifetime (days)
admin-longest-lifetime-hint = No link lives longer; 0: no limit.
admin-longest-lifetime-days = Longest lifetime (days)
admin-0-keep-forever = 0: keep it forever.
admin-keep-audit-log-days = Keep the audit log (days)
admin-default-permissions = Default permissions
admin-chat-sharing-hint = Users may create and update share links (chat.share). Per-user overrides are in the Users tab.
admin-allow-chat-sharing = Allow chat sharing
admin-text-speech = Text-to-speech
admin-read-aloud-hint = Shared pages offer “Read aloud”, spoken by the reader's browser.
admin-read-aloud = Read aloud
admin-speech-rate-must-number = The speech rate must be a number between 0.5 and 2.
admin-voice-hint = A voice name of the reader's browser; empty for its default.
admin-voice = Voice
admin-rate-hint = 0.5 (slow) to 2 (fast).
admin-rate = Rate
admin-administrators-only = Administrators only
admin-only-text = The Admin Panel is for administrators of this chatshare instance. Ask one if you need a setting changed.
admin-back-chats = Back to your chats
admin-users = Users
admin-groups = Groups
admin-shared-links = Shared links
admin-audit = Audit
admin-search-users = Search users
admin-general = General
admin-connections = Connections
admin-user-deleted = User deleted.
admin-no-users-match = No users match.
admin-role = Role
admin-chat-sharing = Chat sharing
admin-created = Created
admin-last-active = Last active
admin-actions = Actions
admin-delete-user = Delete user
admin-role-changed = Role changed.
admin-permission-changed = Permission changed.
admin-default-plain = Default
admin-always-admin = Always (admin)
admin-never-pending = Never (pending)
admin-waiting-approval = Waiting for approval
admin-allowed = Allowed
admin-not-allowed-plain = Not allowed
admin-waiting-approval-badge = waiting for approval
admin-delete-user-title = Delete { $name }?
admin-delete-user-text = This deletes the account of { $name } ({ $email }), all of their chats and every link they shared. People who open those links will find nothing. This cannot be undone.
admin-default-permission = { $allowed ->
    [yes] Default (allowed)
   *[no] Default (not allowed)
}
admin-role-of = Role of { $name }
admin-chat-sharing-for = Chat sharing for { $name }
admin-delete-named = Delete { $name }
admin-role-pending = pending
admin-role-user = user
admin-default-language = Default language
admin-default-language-hint = For people whose account and browser name no language this instance speaks.
date-today = Today
date-yesterday = Yesterday
date-previous-7-days = Previous 7 days
date-previous-30-days = Previous 30 days
date-month-year = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $year }
conn-none-yet = No connections yet. Add one below.
conn-title = OpenAI-compatible connections
conn-add-connection = Add a connection
conn-no-key = No key (leave empty to keep)
conn-optional = Optional
conn-connection-saved = Connection saved.
conn-connection-added = Connection added.
conn-connection-deleted = Connection deleted.
conn-base-url = Base URL
conn-api-key = API key
conn-enabled = Enabled
conn-verify = Verify
conn-verifying = Verifying…
conn-add-connection-2 = Add connection
conn-delete-connection = Delete connection?
conn-model = Model
conn-refresh-models = Refresh models
conn-no-model-available = No model is available: the connected servers list none or cannot be reached.
conn-no-model-connected = No model is connected yet, so messages are saved without an answer.
conn-set-up-connection = Set up a connection
conn-ask-admin = Ask an administrator to add one.
home-welcome-chatshare = Welcome to chatshare
home-intro = A self-hosted chat workspace. Share any conversation as a link, update it or revoke it later, and let colleagues open it read-only.
home-create-admin-account = Create the admin account
home-sign-in-or-up = Sign in or create an account
home-start = Start a chat: ask anything, then share the conversation as a link.
home-recent-chats = Recent chats
chat-folders = Folders
conn-intro = Any server that speaks OpenAI's API: Ollama (http://localhost:11434/v1), vLLM, llama.cpp's server, OpenAI. Keys are kept on this server and never shown again.
conn-delete-text = Models from { $url } will no longer be offered. Answers already written stay in their chats.
conn-models-available = { $count ->
    [one] { $count } model available.
   *[other] { $count } models available.
}
home-hello = Hello, { $name }
admin-you = you
chat-stopped = stopped
auth-or = or
common-close = Close
chat-pinned-prefix = { "Pinned: " }
versions-restored = Readers see version { $n } again (now version { $m }).
versions-version = Version { $n }
versions-current = current
versions-open = Open version { $n }
versions-restore = Restore version { $n }
versions-restore-button = Restore
versions-delete = Delete version { $n }
versions-loading = Loading versions…
versions-title = Versions ({ $count })
review-in-title = in the title
review-in-message = in message { $n }
review-clear = ✓ Privacy check: nothing that looks private.
review-found = { $count ->
    [one] { $count } thing looks private. Mask it before you share.
   *[other] { $count } things look private. Mask them before you share.
}
review-all-masked = ✓ Everything the privacy check found is masked.
review-mask-all = Mask all
review-more = …and { $count } more not listed here. Review the chat before you share it.
review-too-long = The chat is too long to check whole: its last { $kb } KB were not checked.
review-answer = Answer
review-other-branch = other branch
review-counts = Messages: { $ticked } of { $shown } shared
review-label = Review what you share
review-title = Review
review-checking = Checking for private data…
review-every-branch = Share every branch (answers you regenerated and edits you replaced)
review-ticks-note = When you update the link, the messages you ticked stay in and the ones you untick stay out. Messages written later are added if they are on the branch you see (or on any branch, when every branch is shared).
review-preview = Preview what viewers get
review-preview-by = { $count ->
    [one] Shared by { $name } · { $count } message in all
   *[other] Shared by { $name } · { $count } messages in all
}
review-masked = Masked ✓
review-mask = Mask
finding-api-key = API key or token
finding-aws-key = AWS access key
finding-jwt = Login token (JWT)
finding-private-key = Private key
finding-url-password = Password in a URL
finding-password = Password
finding-email = Email address
finding-phone = Phone number
finding-iban = Bank account (IBAN)
finding-card = Card number
finding-ip = IP address
finding-near-mask = Close to a mask
finding-other = Private data
inbox-shared-with-me = Shared with me
inbox-empty = No chats are shared with you by link yet. Chats that others share with you by name, with a group of yours or with everyone here show up on this page.
inbox-new = New
inbox-approved = Request approved
inbox-live = Live
inbox-shared-it = { $name } shared it with { $via }
inbox-changed = changed
inbox-updated = updated
inbox-continue = Continue this chat
inbox-my-links = My shared links
inbox-new-lower = new
inbox-waiting-answer = waiting for your answer
common-search = Search
access-private = Private
access-public = Public
access-full = Public, Full History
