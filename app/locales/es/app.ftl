chat-messages = { $count ->
    [one] { $count } mensaje
   *[other] { $count } mensajes
}
auth-create-admin-account = Crear la cuenta de administrador
auth-create-account = Crear cuenta
common-sign-in = Iniciar sesión
common-loading = Cargando…
auth-create-your-account = Crea tu cuenta
auth-sign-in-title = Inicia sesión en chatshare
auth-new-instance = Esta instancia de chatshare es nueva. Su primera cuenta la administra: aprueba a los nuevos miembros y decide quién puede compartir chats.
auth-new-instance-sso = Esta instancia de chatshare es nueva: la primera persona que inicie sesión la administra.
common-name = Nombre
common-email = Correo electrónico
common-password = Contraseña
common-please-wait = Espera un momento…
auth-redirecting = Redirigiendo al inicio de sesión…
auth-pending-title = Tu cuenta espera la aprobación de un administrador
auth-pending-text = Un administrador de esta instancia de chatshare tiene que aprobar tu cuenta antes de que puedas usarla. Vuelve a intentarlo más tarde.
common-sign-out = Cerrar sesión
common-settings = Ajustes
common-admin-panel = Administración
auth-chats = Tus chats
auth-account = Cuenta
auth-api-keys = Claves de API
auth-create-api-key = Crear clave de API
auth-copy-new-key-now = Copia tu nueva clave ahora: no se volverá a mostrar.
auth-new-api-key = Nueva clave de API
auth-no-api-keys = No hay claves de API.
common-revoke = Revocar
auth-signed-in-as = Sesión iniciada como { $email } · { $role ->
    [admin] administrador
    [pending] pendiente
   *[user] miembro
}
auth-api-key-use-before = Usa una clave de API como
auth-api-key-use-after = con la API JSON.
auth-key-created = creada el
sso-continue-with = Continuar con { $provider }
shell-toggle-sidebar = Mostrar u ocultar la barra lateral
shell-sidebar = Barra lateral

## Notices
notice-link-password = Este enlace necesita una contraseña.
notice-link-password-wrong = Esa contraseña no es correcta.
notice-link-locked = Este enlace ha recibido demasiadas contraseñas incorrectas. Inténtalo de nuevo en unos minutos.
notice-link-gone = Este chat compartido ya no está disponible.
notice-link-expired = Este enlace ha caducado.
notice-already-open = Ya puedes abrir este chat.
notice-e403 = No tienes permiso para hacer eso.
notice-e404 = No encontramos lo que buscas.
notice-e422 = Algo de lo que escribiste no es válido. Revísalo e inténtalo de nuevo.
notice-e429 = Demasiados intentos. Espera un momento e inténtalo de nuevo.
notice-e500 = Algo salió mal por nuestra parte. Inténtalo de nuevo.
error-unreachable = No se puede conectar con el servidor. Comprueba tu conexión e inténtalo de nuevo.
error-unauthenticated = No has iniciado sesión o tu sesión ha caducado. Vuelve a iniciar sesión.
error-too-large = El cuerpo de la solicitud es demasiado grande.
error-internal = Algo salió mal por nuestra parte. Inténtalo de nuevo.
chat-new-chat-button = + Nuevo chat
chat-community = Comunidad
chat-search-chats = Buscar chats
chat-chats = Chats
chat-sign-in-to-see = Inicia sesión para ver tus chats.
chat-no-chats-yet = Todavía no hay chats.
chat-show-more-chats = Mostrar más chats
chat-pinned = Fijados
chat-new-title = Nuevo título
common-share = Compartir
common-rename = Cambiar nombre
chat-pin = Fijar
chat-unpin = Dejar de fijar
chat-archive = Archivar
chat-export = Exportar
common-delete = Eliminar
chat-delete-chat = ¿Eliminar el chat?
common-cancel = Cancelar
chat-message = Mensaje
chat-send-message = Envía un mensaje
chat-scroll-latest-message = Ir al último mensaje
chat-stop = Detener
chat-deleted-or-signed-out = Este chat se eliminó o tu sesión terminó.
chat-no-longer-shared = Este chat ya no está compartido contigo.
chat-writing = escribiendo…
chat-chat-not-available = Chat no disponible
chat-no-messages-yet = Todavía no hay mensajes.
chat-assistant = Asistente
chat-system = Sistema
chat-you = Tú
chat-next-version = Versión siguiente
chat-previous-version = Versión anterior
chat-next-answer = Respuesta siguiente
chat-previous-answer = Respuesta anterior
chat-copy-link-message = Copiar el enlace a este mensaje
chat-new-since-last-looked = Nuevo desde tu última visita
chat-copied-clipboard = ¡Copiado al portapapeles!
chat-browser-blocked-copying = Tu navegador bloqueó la copia.
chat-message-tools = Herramientas del mensaje
common-copy = Copiar
common-edit = Editar
chat-regenerate = Regenerar
chat-read-aloud = Leer en voz alta
chat-info = Información
chat-no-time-recorded = Sin hora registrada
chat-edit-message = Edita tu mensaje
chat-save-submit = Guardar y enviar
chat-link-message-copied = Enlace a este mensaje copiado.
chat-browser-blocked-copying-address = Tu navegador bloqueó la copia: la barra de direcciones tiene el enlace a este mensaje.
common-copied = ¡Copiado!
chat-code-copied = Código copiado.
chat-browser-blocked-copying-code = Tu navegador bloqueó la copia. El código está seleccionado: pulsa Ctrl+C.
chat-options-for = Opciones del chat { $title }
chat-delete-confirm = Esto elimina «{ $title }» y su enlace compartido. No se puede deshacer.
share-copied-shared-chat-url = ¡Dirección del chat compartido copiada al portapapeles!
share-dialog-title = Compartir chat
share-link-deleted = El enlace se eliminó. Ya nadie puede abrirlo.
share-new-link-note = Los mensajes que envíes después de crear el enlace no se compartirán. Quien tenga la dirección podrá ver el chat compartido.
share-link = Enlace
share-delete-title = ¿Eliminar este enlace?
share-delete-warning = ¿Eliminar este enlace? Quien lo abra sabrá que ya no existe; un enlace nuevo tendrá una dirección nueva.
share-keep = Conservarlo
share-qr-code = Código QR
share-qr-code-link = Código QR del enlace
share-download-qr-code = Descargar el código QR
share-no-permission = No tienes permiso para compartir chats.
share-copy-blocked = Tu navegador no permitió copiar. Pulsa Ctrl+C para copiar:
share-changes-pending = Tus cambios se aplican cuando pulsas «Actualizar y copiar enlace».
share-copy-link = Copiar enlace
share-to-community = Compartir en la comunidad de Open WebUI
share-audience-only-me = { $what ->
    [folder] Solo tú (y los administradores) podéis abrir la carpeta y sus chats.
   *[link] Solo tú (y los administradores) podéis abrir el enlace.
}
share-audience-people = { $what ->
    [folder] Solo las personas que elijas pueden abrir la carpeta y sus chats, tras iniciar sesión.
   *[link] Solo las personas que elijas pueden abrir el enlace, tras iniciar sesión.
}
share-audience-members = { $what ->
    [folder] Cualquier miembro de esta instancia puede abrir la carpeta y sus chats tras iniciar sesión.
   *[link] Cualquier miembro de esta instancia puede abrir el enlace tras iniciar sesión.
}
share-audience-anyone = { $what ->
    [folder] Cualquiera que tenga el enlace puede abrir la carpeta y sus chats, sin cuenta. Los buscadores quedan fuera.
   *[link] Cualquiera que tenga el enlace puede abrirlo, sin cuenta. Los buscadores quedan fuera.
}
share-pick-someone = Elige al menos una persona o un grupo, o indica quién más puede abrir el enlace.
share-pick-someone-folder = Elige al menos una persona o un grupo, o indica quién más puede abrirla.
share-loading-who-open = Cargando quién puede abrirlo…
share-asking-access = Solicitudes de acceso
share-approve = Aprobar
share-decline = Rechazar
share-only-me = Solo yo
share-specific-people = Personas concretas
share-everyone-instance = Todos en esta instancia
share-anyone-link = Cualquiera con el enlace
share-who-open-link = Quién puede abrir el enlace
share-who-open-folder = Quién puede abrir la carpeta
share-find-people-groups = Buscar personas y grupos
share-type-name = Escribe un nombre
share-nobody-else-has-account = Nadie más tiene cuenta todavía.
share-let-them-continue-chat = Permitirles continuar el chat
share-let-them-continue-chats = Permitirles continuar los chats y añadir los suyos
share-they-see-chat-as = Ven el chat tal como está ahora y pueden añadirle mensajes, firmados con su nombre.
common-save = Guardar
share-pick-date-link-expires = Elige la fecha en que caduca el enlace u otra opción.
common-never = Nunca
share-unchanged = Sin cambios
share-expiry-password = Caducidad y contraseña
share-expires-label = Caduca
share-1-day = En 1 día
share-7-days = En 7 días
share-30-days = En 30 días
share-date = En una fecha…
share-expiry-date = Fecha de caducidad
share-password-optional = Contraseña (opcional)
share-password-set-type-new = Contraseña (definida; escribe una nueva para cambiarla)
share-remove-password = Quitar la contraseña
share-shared-before-start = Ya compartiste este chat
share-shared-before-link = antes
share-shared-before-end = .
share-delete-start = Haz clic aquí para
share-delete-link = eliminar este enlace
share-delete-end = y crear un nuevo enlace compartido.
share-opens-in-new-tab = Abre { $place } en una pestaña nueva
share-this-community = la comunidad de esta instancia
share-expiry-longest = Tras { $days } días (lo máximo permitido)
share-expiry-default = En { $days } días (lo predeterminado en esta instancia)
share-summary-expires = caduca
share-summary-never-expires = no caduca nunca
share-summary-password-set = contraseña definida
share-summary-password-typed = nueva contraseña escrita
common-working = Procesando…
share-update-and-copy = Actualizar y copiar enlace
ui-something-went-wrong = Algo salió mal
ui-back-start = Volver al inicio
ui-page-not-found = Página no encontrada
ui-nothing-here = No hay nada en esta dirección.
settings-data = Datos
auth-have-account = ¿Ya tienes una cuenta?
auth-no-account = ¿Aún no tienes cuenta?
auth-create-one = Crea una
chat-send = Enviar
share-delete-link-button = Eliminar enlace
settings-profile-saved = Perfil guardado.
settings-profile = Perfil
settings-upload-picture = Subir foto
settings-use-initials-instead = Usar iniciales
settings-initials-colour = Color de tus iniciales
settings-save-profile = Guardar perfil
settings-current-password = Contraseña actual
settings-new-password = Contraseña nueva
settings-new-password-again = Repite la contraseña nueva
settings-change-password = Cambiar contraseña
settings-new-passwords-differ = Las contraseñas nuevas no coinciden.
settings-password-changed = Contraseña cambiada. Tus otras sesiones se cerraron.
settings-system = Sistema
settings-light = Claro
settings-dark = Oscuro
settings-appearance-chats = Apariencia y chats
settings-theme = Tema
settings-default-model = Modelo predeterminado
settings-first-model = El primero disponible
settings-system-prompt = Prompt del sistema para chats nuevos
settings-system-prompt-example = Por ejemplo: Responde brevemente y en español.
settings-system-prompt-note = Se envía al modelo antes de cada turno de los chats que empieces a partir de ahora. Los enlaces compartidos nunca lo muestran.
common-saved = Guardado.
settings-color-blue = Azul
settings-color-violet = Violeta
settings-color-magenta = Magenta
settings-color-orange = Naranja
settings-color-green = Verde
settings-color-teal = Verde azulado
settings-color-grey = Gris
settings-email = Correo: { $email }
settings-general = General
settings-language = Idioma
settings-language-automatic = Automático (el idioma de tu navegador)
admin-settings-saved = Ajustes guardados.
admin-authentication = Autenticación
admin-sign-up-hint = Las personas nuevas pueden crear una cuenta.
admin-enable-sign-up = Permitir el registro
admin-default-user-role = Rol predeterminado de usuario
admin-default-role-hint = Las cuentas pendientes esperan la aprobación de un administrador.
admin-api-keys-hint = Los usuarios pueden crear claves de API para sus scripts.
admin-enable-api-keys = Permitir claves de API
admin-sharing = Compartir
admin-member-links-hint = Un enlace puede estar abierto a cada miembro aprobado de esta instancia (así empieza un enlace nuevo).
admin-links-every-member = Enlaces para todos los miembros
admin-anyone-links-hint = Un enlace puede estar abierto a cualquiera que lo tenga, sin cuenta. Su página queda fuera de los buscadores.
admin-links-anyone = Enlaces para cualquiera
admin-folders-hint = Los miembros pueden guardar sus chats en carpetas (features.folders de Open WebUI).
admin-folders = Carpetas
admin-folder-sharing-hint = Los miembros pueden compartir una carpeta entera con personas, grupos o todos los miembros, para leer o escribir (sharing.folders; los administradores siempre pueden).
admin-folder-sharing = Compartir carpetas
admin-community-sharing-hint = Ofrecer «Compartir en la comunidad de Open WebUI» en el diálogo de compartir.
admin-enable-community-sharing = Permitir compartir en la comunidad
admin-community-sharing-url = Dirección para compartir en la comunidad
admin-use-instance-s-community = Usar la comunidad de esta instancia
admin-link-previews-embeds = Vistas previas de enlaces e inserciones
admin-instance-name = Nombre de la instancia
admin-instance-name-hint = Se muestra en las tarjetas de vista previa, en los chats insertados («Abrir en …») y a los clientes oEmbed.
admin-sites-may-embed-shared = Sitios que pueden insertar chats compartidos
admin-embed-hint = Para enlaces abiertos a cualquiera. * para cualquier sitio, o una dirección por línea (https://blog.example.com); vacío: sin inserciones. Ninguna otra página puede mostrarse en un marco.
admin-community = Comunidad
admin-community-hub-hint = Esta instancia aloja una comunidad: /community, su página de subida (/chats/upload) y su API.
admin-community-hub = Centro de la comunidad
admin-index-hint = Los chats públicos de la comunidad y la galería pueden aparecer en los buscadores (si no, piden no ser indexados).
admin-let-search-engines-index = Dejar que los buscadores la indexen
admin-instances-allowed-upload = Instancias que pueden subir
admin-allowed-origins-hint = Una dirección por línea (https://chat.example.com). Esta instancia siempre puede subir; otra instancia comparte aquí cuando su dirección de comunidad es /chats/upload de esta instancia.
admin-moderate-community-chats = Moderar los chats de la comunidad
admin-quota-whole-number-megabytes = La cuota es un número entero de megabytes (0 para ninguna).
admin-storage-per-member-mb = Almacenamiento por miembro (MB)
admin-quota-hint = Cuánto puede publicar cada miembro en la comunidad en total; 0: sin límite.
admin-link-lifetime = Duración de los enlaces
admin-each-lifetime-whole-number = Cada duración es un número entero de días (0 para ninguna).
admin-default-lifetime-hint = Para enlaces sin caducidad; 0: nunca caducan.
admin-default-lifetime-days = Duración predeterminada (días)
admin-longest-lifetime-hint = Ningún enlace dura más; 0: sin límite.
admin-longest-lifetime-days = Duración máxima (días)
admin-0-keep-forever = 0: conservarlo para siempre.
admin-keep-audit-log-days = Conservar el registro de auditoría (días)
admin-default-permissions = Permisos predeterminados
admin-chat-sharing-hint = Los usuarios pueden crear y actualizar enlaces compartidos (chat.share). Las excepciones por usuario están en la pestaña Usuarios.
admin-allow-chat-sharing = Permitir compartir chats
admin-text-speech = Texto a voz
admin-read-aloud-hint = Las páginas compartidas ofrecen «Leer en voz alta», con la voz del navegador del lector.
admin-read-aloud = Leer en voz alta
admin-speech-rate-must-number = La velocidad de voz debe ser un número entre 0,5 y 2.
admin-voice-hint = El nombre de una voz del navegador del lector; vacío para la predeterminada.
admin-voice = Voz
admin-rate-hint = De 0,5 (lenta) a 2 (rápida).
admin-rate = Velocidad
admin-administrators-only = Solo para administradores
admin-only-text = La administración es para los administradores de esta instancia de chatshare. Pide a uno de ellos que cambie un ajuste si lo necesitas.
admin-back-chats = Volver a tus chats
admin-users = Usuarios
admin-groups = Grupos
admin-shared-links = Enlaces compartidos
admin-audit = Auditoría
admin-search-users = Buscar usuarios
admin-general = General
admin-connections = Conexiones
admin-user-deleted = Usuario eliminado.
admin-no-users-match = Ningún usuario coincide.
admin-role = Rol
admin-chat-sharing = Compartir chats
admin-created = Creado
admin-last-active = Última actividad
admin-actions = Acciones
admin-delete-user = Eliminar usuario
admin-role-changed = Rol cambiado.
admin-permission-changed = Permiso cambiado.
admin-default-plain = Predeterminado
admin-always-admin = Siempre (administrador)
admin-never-pending = Nunca (pendiente)
admin-waiting-approval = Esperando aprobación
admin-allowed = Permitido
admin-not-allowed-plain = No permitido
admin-waiting-approval-badge = esperando aprobación
admin-delete-user-title = ¿Eliminar a { $name }?
admin-delete-user-text = Esto elimina la cuenta de { $name } ({ $email }), todos sus chats y cada enlace que compartió. Quien abra esos enlaces no encontrará nada. No se puede deshacer.
admin-default-permission = { $allowed ->
    [yes] Predeterminado (permitido)
   *[no] Predeterminado (no permitido)
}
admin-role-of = Rol de { $name }
admin-chat-sharing-for = Compartir chats para { $name }
admin-delete-named = Eliminar a { $name }
admin-role-pending = pendiente
admin-role-user = miembro
admin-default-language = Idioma predeterminado
admin-default-language-hint = Para las personas cuya cuenta y navegador no indican ningún idioma que hable esta instancia.
date-today = Hoy
date-yesterday = Ayer
date-previous-7-days = Últimos 7 días
date-previous-30-days = Últimos 30 días
date-month-year = { $month ->
    [1] enero
    [2] febrero
    [3] marzo
    [4] abril
    [5] mayo
    [6] junio
    [7] julio
    [8] agosto
    [9] septiembre
    [10] octubre
    [11] noviembre
   *[12] diciembre
} de { $year }
conn-none-yet = Todavía no hay conexiones. Añade una abajo.
conn-title = Conexiones compatibles con OpenAI
conn-add-connection = Añadir una conexión
conn-no-key = Sin clave (déjalo vacío para conservarla)
conn-optional = Opcional
conn-connection-saved = Conexión guardada.
conn-connection-added = Conexión añadida.
conn-connection-deleted = Conexión eliminada.
conn-base-url = URL base
conn-api-key = Clave de API
conn-enabled = Activada
conn-verify = Verificar
conn-verifying = Verificando…
conn-add-connection-2 = Añadir conexión
conn-delete-connection = ¿Eliminar la conexión?
conn-model = Modelo
conn-refresh-models = Actualizar modelos
conn-no-model-available = No hay ningún modelo disponible: los servidores conectados no ofrecen ninguno o no se puede acceder a ellos.
conn-no-model-connected = Todavía no hay ningún modelo conectado, así que los mensajes se guardan sin respuesta.
conn-set-up-connection = Configurar una conexión
conn-ask-admin = Pide a un administrador que añada una.
home-welcome-chatshare = Te damos la bienvenida a chatshare
home-intro = Un espacio de chat autoalojado. Comparte cualquier conversación como un enlace, actualízalo o revócalo más tarde, y deja que tus colegas la abran en modo de solo lectura.
home-create-admin-account = Crear la cuenta de administrador
home-sign-in-or-up = Inicia sesión o crea una cuenta
home-start = Empieza un chat: pregunta lo que quieras y luego comparte la conversación como un enlace.
home-recent-chats = Chats recientes
chat-folders = Carpetas
conn-intro = Cualquier servidor que hable la API de OpenAI: Ollama (http://localhost:11434/v1), vLLM, el servidor de llama.cpp, OpenAI. Las claves se guardan en este servidor y no se vuelven a mostrar.
conn-delete-text = Los modelos de { $url } dejarán de ofrecerse. Las respuestas ya escritas se quedan en sus chats.
conn-models-available = { $count ->
    [one] { $count } modelo disponible.
   *[other] { $count } modelos disponibles.
}
home-hello = Hola, { $name }
admin-you = tú
chat-stopped = detenido
auth-or = o
common-close = Cerrar
chat-pinned-prefix = { "Fijado: " }
versions-restored = Los lectores vuelven a ver la versión { $n } (ahora versión { $m }).
versions-version = Versión { $n }
versions-current = actual
versions-open = Abrir la versión { $n }
versions-restore = Restaurar la versión { $n }
versions-restore-button = Restaurar
versions-delete = Eliminar la versión { $n }
versions-loading = Cargando versiones…
versions-title = Versiones ({ $count })
review-in-title = en el título
review-in-message = en el mensaje { $n }
review-clear = ✓ Comprobación de privacidad: nada parece privado.
review-found = { $count ->
    [one] { $count } elemento parece privado. Enmascáralo antes de compartir.
   *[other] { $count } elementos parecen privados. Enmascáralos antes de compartir.
}
review-all-masked = ✓ Todo lo que encontró la comprobación está enmascarado.
review-mask-all = Enmascarar todo
review-more = …y { $count } más que no se muestran aquí. Revisa el chat antes de compartirlo.
review-too-long = El chat es demasiado largo para comprobarlo entero: sus últimos { $kb } KB no se comprobaron.
review-answer = Respuesta
review-other-branch = otra rama
review-counts = Mensajes: { $ticked } de { $shown } compartidos
review-label = Revisa lo que compartes
review-title = Revisión
review-checking = Buscando datos privados…
review-every-branch = Compartir todas las ramas (respuestas regeneradas y ediciones reemplazadas)
review-ticks-note = Cuando actualizas el enlace, los mensajes marcados se quedan y los desmarcados quedan fuera. Los mensajes escritos después se añaden si están en la rama que ves (o en cualquier rama, si se comparten todas).
review-preview = Vista previa para los lectores
review-preview-by = { $count ->
    [one] Compartido por { $name } · { $count } mensaje en total
   *[other] Compartido por { $name } · { $count } mensajes en total
}
review-masked = Enmascarado ✓
review-mask = Enmascarar
finding-api-key = Clave de API o token
finding-aws-key = Clave de acceso de AWS
finding-jwt = Token de sesión (JWT)
finding-private-key = Clave privada
finding-url-password = Contraseña en una URL
finding-password = Contraseña
finding-email = Dirección de correo
finding-phone = Número de teléfono
finding-iban = Cuenta bancaria (IBAN)
finding-card = Número de tarjeta
finding-ip = Dirección IP
finding-near-mask = Cerca de una máscara
finding-other = Datos privados
inbox-shared-with-me = Compartido conmigo
inbox-empty = Todavía no hay chats compartidos contigo por enlace. Los chats que otros comparten contigo por nombre, con uno de tus grupos o con todos aquí aparecen en esta página.
inbox-new = Nuevo
inbox-approved = Solicitud aprobada
inbox-live = En vivo
inbox-shared-it = { $name } lo compartió con { $via }
inbox-changed = cambiado
inbox-updated = actualizado
inbox-continue = Continuar este chat
inbox-my-links = Mis enlaces compartidos
inbox-new-lower = nuevos
inbox-waiting-answer = esperando tu respuesta
common-search = Buscar
access-private = Privado
access-public = Público
access-full = Público, historial completo
