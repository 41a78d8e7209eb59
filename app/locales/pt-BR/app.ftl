chat-messages = { $count ->
    [0] { $count } mensagem
    [1] { $count } mensagem
   *[other] { $count } mensagens
}
auth-create-admin-account = Criar a conta de administrador
auth-create-account = Criar conta
common-sign-in = Entrar
common-loading = Carregando…
auth-create-your-account = Crie sua conta
auth-sign-in-title = Entrar no chatshare
auth-new-instance = Esta instância do chatshare é nova. A primeira conta a administra: aprova novos membros e decide quem pode compartilhar chats.
auth-new-instance-sso = Esta instância do chatshare é nova: a primeira pessoa que entrar vai administrá-la.
common-name = Nome
common-email = E-mail
common-password = Senha
common-please-wait = Aguarde…
auth-redirecting = Redirecionando para a entrada…
auth-pending-title = Sua conta aguarda a aprovação de um administrador
auth-pending-text = Um administrador desta instância do chatshare precisa aprovar sua conta antes que você possa usá-la. Volte mais tarde.
common-sign-out = Sair
common-settings = Configurações
common-admin-panel = Painel de administração
auth-chats = Seus chats
auth-account = Conta
auth-api-keys = Chaves de API
auth-create-api-key = Criar chave de API
auth-copy-new-key-now = Copie sua nova chave agora: ela não será mostrada de novo.
auth-new-api-key = Nova chave de API
auth-no-api-keys = Nenhuma chave de API.
common-revoke = Revogar
auth-signed-in-as = Conectado como { $email } · { $role ->
    [admin] administrador
    [pending] pendente
   *[user] membro
}
auth-api-key-use-before = Use uma chave de API como
auth-api-key-use-after = com a API JSON.
auth-key-created = criada em
sso-continue-with = Continuar com { $provider }
shell-toggle-sidebar = Mostrar ou ocultar a barra lateral
shell-sidebar = Barra lateral

## Notices
notice-link-password = Este link precisa de uma senha.
notice-link-password-wrong = Essa senha não está certa.
notice-link-locked = Este link recebeu senhas erradas demais. Tente de novo em alguns minutos.
notice-link-gone = Este chat compartilhado não está mais disponível.
notice-link-expired = Este link expirou.
notice-already-open = Você já pode abrir este chat.
notice-e403 = Você não tem permissão para fazer isso.
notice-e404 = Não encontramos o que você procura.
notice-e422 = Algo que você digitou não é válido. Confira e tente de novo.
notice-e429 = Tentativas demais. Aguarde um momento e tente de novo.
notice-e500 = Algo deu errado do nosso lado. Tente de novo.
error-unreachable = Não foi possível acessar o servidor. Verifique sua conexão e tente de novo.
error-unauthenticated = Você não está conectado ou sua sessão expirou. Entre de novo.
error-too-large = O corpo da solicitação é grande demais.
error-internal = Algo deu errado do nosso lado. Tente de novo.
chat-new-chat-button = + Novo chat
chat-community = Comunidade
chat-search-chats = Pesquisar chats
chat-chats = Chats
chat-sign-in-to-see = Entre para ver seus chats.
chat-no-chats-yet = Ainda não há chats.
chat-show-more-chats = Mostrar mais chats
chat-pinned = Fixados
chat-new-title = Novo título
common-share = Compartilhar
common-rename = Renomear
chat-pin = Fixar
chat-unpin = Desafixar
chat-archive = Arquivar
chat-export = Exportar
common-delete = Excluir
chat-delete-chat = Excluir o chat?
common-cancel = Cancelar
chat-message = Mensagem
chat-send-message = Envie uma mensagem
chat-scroll-latest-message = Ir para a última mensagem
chat-stop = Parar
chat-deleted-or-signed-out = Este chat foi excluído ou sua sessão terminou.
chat-no-longer-shared = Este chat não está mais compartilhado com você.
chat-writing = escrevendo…
chat-chat-not-available = Chat indisponível
chat-no-messages-yet = Ainda não há mensagens.
chat-assistant = Assistente
chat-system = Sistema
chat-you = Você
chat-next-version = Próxima versão
chat-previous-version = Versão anterior
chat-next-answer = Próxima resposta
chat-previous-answer = Resposta anterior
chat-copy-link-message = Copiar o link desta mensagem
chat-new-since-last-looked = Novo desde a sua última visita
chat-copied-clipboard = Copiado para a área de transferência!
chat-browser-blocked-copying = Seu navegador bloqueou a cópia.
chat-message-tools = Ferramentas da mensagem
common-copy = Copiar
common-edit = Editar
chat-regenerate = Gerar de novo
chat-read-aloud = Ler em voz alta
chat-info = Informações
chat-no-time-recorded = Sem horário registrado
chat-edit-message = Edite sua mensagem
chat-save-submit = Salvar e enviar
chat-link-message-copied = Link desta mensagem copiado.
chat-browser-blocked-copying-address = Seu navegador bloqueou a cópia: a barra de endereço tem o link desta mensagem.
common-copied = Copiado!
chat-code-copied = Código copiado.
chat-browser-blocked-copying-code = Seu navegador bloqueou a cópia. O código está selecionado: pressione Ctrl+C.
chat-options-for = Opções do chat { $title }
chat-delete-confirm = Isto exclui “{ $title }” e seu link compartilhado. Não é possível desfazer.
share-copied-shared-chat-url = Endereço do chat compartilhado copiado para a área de transferência!
share-dialog-title = Compartilhar chat
share-link-deleted = O link foi excluído. Ninguém mais pode abri-lo.
share-new-link-note = As mensagens que você enviar depois de criar o link não serão compartilhadas. Quem tiver o endereço poderá ver o chat compartilhado.
share-link = Link
share-delete-title = Excluir este link?
share-delete-warning = Excluir este link? Quem abri-lo vai saber que ele não existe mais; um novo link recebe um novo endereço.
share-keep = Manter
share-qr-code = Código QR
share-qr-code-link = Código QR do link
share-download-qr-code = Baixar o código QR
share-no-permission = Você não tem permissão para compartilhar chats.
share-copy-blocked = Seu navegador não permitiu copiar. Pressione Ctrl+C para copiar:
share-changes-pending = Suas alterações valem quando você pressionar “Atualizar e copiar link”.
share-copy-link = Copiar link
share-to-community = Compartilhar na comunidade Open WebUI
share-audience-only-me = { $what ->
    [folder] Só você (e os administradores) podem abrir a pasta e seus chats.
   *[link] Só você (e os administradores) podem abrir o link.
}
share-audience-people = { $what ->
    [folder] Só as pessoas que você escolher podem abrir a pasta e seus chats, depois de entrar.
   *[link] Só as pessoas que você escolher podem abrir o link, depois de entrar.
}
share-audience-members = { $what ->
    [folder] Qualquer membro desta instância pode abrir a pasta e seus chats depois de entrar.
   *[link] Qualquer membro desta instância pode abrir o link depois de entrar.
}
share-audience-anyone = { $what ->
    [folder] Quem tiver o link pode abrir a pasta e seus chats, sem conta. Os buscadores ficam de fora.
   *[link] Quem tiver o link pode abri-lo, sem conta. Os buscadores ficam de fora.
}
share-pick-someone = Escolha pelo menos uma pessoa ou um grupo, ou diga quem mais pode abrir o link.
share-pick-someone-folder = Escolha pelo menos uma pessoa ou um grupo, ou diga quem mais pode abri-la.
share-loading-who-open = Carregando quem pode abrir…
share-asking-access = Pedidos de acesso
share-approve = Aprovar
share-decline = Recusar
share-only-me = Só eu
share-specific-people = Pessoas específicas
share-everyone-instance = Todos nesta instância
share-anyone-link = Qualquer pessoa com o link
share-who-open-link = Quem pode abrir o link
share-who-open-folder = Quem pode abrir a pasta
share-find-people-groups = Encontrar pessoas e grupos
share-type-name = Digite um nome
share-nobody-else-has-account = Ninguém mais tem conta ainda.
share-let-them-continue-chat = Deixar que continuem o chat
share-let-them-continue-chats = Deixar que continuem os chats e adicionem os seus
share-they-see-chat-as = Elas veem o chat como está agora e podem adicionar mensagens, assinadas com o nome delas.
common-save = Salvar
share-pick-date-link-expires = Escolha a data em que o link expira, ou outra opção.
common-never = Nunca
share-unchanged = Sem alteração
share-expiry-password = Validade e senha
share-expires-label = Expira
share-1-day = Em 1 dia
share-7-days = Em 7 dias
share-30-days = Em 30 dias
share-date = Em uma data…
share-expiry-date = Data de validade
share-password-optional = Senha (opcional)
share-password-set-type-new = Senha (definida; digite uma nova para alterá-la)
share-remove-password = Remover a senha
share-shared-before-start = Você já compartilhou este chat
share-shared-before-link = antes
share-shared-before-end = .
share-delete-start = Clique aqui para
share-delete-link = excluir este link
share-delete-end = e criar um novo link compartilhado.
share-opens-in-new-tab = Abre { $place } em uma nova aba
share-this-community = a comunidade desta instância
share-expiry-longest = Depois de { $days } dias (o máximo permitido)
share-expiry-default = Em { $days } dias (o padrão desta instância)
share-summary-expires = expira
share-summary-never-expires = nunca expira
share-summary-password-set = senha definida
share-summary-password-typed = nova senha digitada
common-working = Processando…
share-update-and-copy = Atualizar e copiar link
ui-something-went-wrong = Algo deu errado
ui-back-start = Voltar ao início
ui-page-not-found = Página não encontrada
ui-nothing-here = Não há nada neste endereço.
settings-data = Dados
auth-have-account = Já tem uma conta?
auth-no-account = Ainda não tem conta?
auth-create-one = Crie uma
chat-send = Enviar
share-delete-link-button = Excluir link
settings-profile-saved = Perfil salvo.
settings-profile = Perfil
settings-upload-picture = Enviar foto
settings-use-initials-instead = Usar as iniciais
settings-initials-colour = Cor das suas iniciais
settings-save-profile = Salvar perfil
settings-current-password = Senha atual
settings-new-password = Nova senha
settings-new-password-again = Repita a nova senha
settings-change-password = Alterar senha
settings-new-passwords-differ = As novas senhas são diferentes.
settings-password-changed = Senha alterada. Suas outras sessões foram encerradas.
settings-system = Sistema
settings-light = Claro
settings-dark = Escuro
settings-appearance-chats = Aparência e chats
settings-theme = Tema
settings-default-model = Modelo padrão
settings-first-model = O primeiro oferecido
settings-system-prompt = Prompt de sistema para novos chats
settings-system-prompt-example = Por exemplo: Responda de forma breve, em português.
settings-system-prompt-note = Enviado ao modelo antes de cada rodada dos chats que você iniciar a partir de agora. Links compartilhados nunca o mostram.
common-saved = Salvo.
settings-color-blue = Azul
settings-color-violet = Violeta
settings-color-magenta = Magenta
settings-color-orange = Laranja
settings-color-green = Verde
settings-color-teal = Azul-petróleo
settings-color-grey = Cinza
settings-email = E-mail: { $email }
settings-general = Geral
settings-language = Idioma
settings-language-automatic = Automático (o idioma do seu navegador)
admin-settings-saved = Configurações salvas.
admin-authentication = Autenticação
admin-sign-up-hint = Pessoas novas podem criar uma conta.
admin-enable-sign-up = Permitir cadastro
admin-default-user-role = Papel padrão de usuário
admin-default-role-hint = Contas pendentes aguardam a aprovação de um administrador.
admin-api-keys-hint = Usuários podem criar chaves de API para scripts.
admin-enable-api-keys = Permitir chaves de API
admin-sharing = Compartilhamento
admin-member-links-hint = Um link pode ficar aberto a todo membro aprovado desta instância (é assim que um novo link começa).
admin-links-every-member = Links para todos os membros
admin-anyone-links-hint = Um link pode ficar aberto a qualquer pessoa que o tenha, sem conta. A página fica fora dos buscadores.
admin-links-anyone = Links para qualquer pessoa
admin-folders-hint = Membros podem guardar os chats em pastas (features.folders do Open WebUI).
admin-folders = Pastas
admin-folder-sharing-hint = Membros podem compartilhar uma pasta inteira com pessoas, grupos ou todos os membros, para leitura ou escrita (sharing.folders; administradores sempre podem).
admin-folder-sharing = Compartilhamento de pastas
admin-community-sharing-hint = Oferecer “Compartilhar na comunidade Open WebUI” na janela de compartilhamento.
admin-enable-community-sharing = Permitir compartilhar na comunidade
admin-community-sharing-url = Endereço de compartilhamento na comunidade
admin-use-instance-s-community = Usar a comunidade desta instância
admin-link-previews-embeds = Prévias de links e incorporações
admin-instance-name = Nome da instância
admin-instance-name-hint = Aparece nos cartões de prévia, nos chats incorporados (“Abrir em …”) e para clientes oEmbed.
admin-sites-may-embed-shared = Sites que podem incorporar chats compartilhados
admin-embed-hint = Para links abertos a qualquer pessoa. * para qualquer site, ou um endereço por linha (https://blog.example.com); vazio: sem incorporações. Nenhuma outra página pode ser exibida em um quadro.
admin-community = Comunidade
admin-community-hub-hint = Esta instância hospeda uma comunidade: /community, sua página de envio (/chats/upload) e sua API.
admin-community-hub = Central da comunidade
admin-index-hint = Chats públicos da comunidade e a galeria podem aparecer em buscadores (senão, pedem para não ser indexados).
admin-let-search-engines-index = Deixar os buscadores indexarem
admin-instances-allowed-upload = Instâncias que podem enviar
admin-allowed-origins-hint = Um endereço por linha (https://chat.example.com). Esta instância sempre pode enviar; outra instância compartilha aqui quando o endereço de comunidade dela é /chats/upload desta instância.
admin-moderate-community-chats = Moderar chats da comunidade
admin-quota-whole-number-megabytes = A cota é um número inteiro de megabytes (0 para nenhuma).
admin-storage-per-member-mb = Armazenamento por membro (MB)
admin-quota-hint = Quanto cada membro pode publicar na comunidade no total; 0: sem limite.
admin-link-lifetime = Validade dos links
admin-each-lifetime-whole-number = Cada validade é um número inteiro de dias (0 para nenhuma).
admin-default-lifetime-hint = Para links sem validade definida; 0: nunca expiram.
admin-default-lifetime-days = Validade padrão (dias)
admin-longest-lifetime-hint = Nenhum link dura mais; 0: sem limite.
admin-longest-lifetime-days = Validade máxima (dias)
admin-0-keep-forever = 0: guardar para sempre.
admin-keep-audit-log-days = Guardar o registro de auditoria (dias)
admin-default-permissions = Permissões padrão
admin-chat-sharing-hint = Usuários podem criar e atualizar links compartilhados (chat.share). Exceções por usuário ficam na aba Usuários.
admin-allow-chat-sharing = Permitir compartilhar chats
admin-text-speech = Texto para fala
admin-read-aloud-hint = Páginas compartilhadas oferecem “Ler em voz alta”, falado pelo navegador do leitor.
admin-read-aloud = Ler em voz alta
admin-speech-rate-must-number = A velocidade da fala precisa ser um número entre 0,5 e 2.
admin-voice-hint = O nome de uma voz do navegador do leitor; vazio para a padrão.
admin-voice = Voz
admin-rate-hint = De 0,5 (lenta) a 2 (rápida).
admin-rate = Velocidade
admin-administrators-only = Só para administradores
admin-only-text = O painel de administração é para administradores desta instância do chatshare. Peça a um deles se precisar mudar alguma configuração.
admin-back-chats = Voltar aos seus chats
admin-users = Usuários
admin-groups = Grupos
admin-shared-links = Links compartilhados
admin-audit = Auditoria
admin-search-users = Pesquisar usuários
admin-general = Geral
admin-connections = Conexões
admin-user-deleted = Usuário excluído.
admin-no-users-match = Nenhum usuário corresponde.
admin-role = Papel
admin-chat-sharing = Compartilhar chats
admin-created = Criado em
admin-last-active = Última atividade
admin-actions = Ações
admin-delete-user = Excluir usuário
admin-role-changed = Papel alterado.
admin-permission-changed = Permissão alterada.
admin-default-plain = Padrão
admin-always-admin = Sempre (administrador)
admin-never-pending = Nunca (pendente)
admin-waiting-approval = Aguardando aprovação
admin-allowed = Permitido
admin-not-allowed-plain = Não permitido
admin-waiting-approval-badge = aguardando aprovação
admin-delete-user-title = Excluir { $name }?
admin-delete-user-text = Isto exclui a conta de { $name } ({ $email }), todos os chats dela e todo link que ela compartilhou. Quem abrir esses links não encontrará nada. Não é possível desfazer.
admin-default-permission = { $allowed ->
    [yes] Padrão (permitido)
   *[no] Padrão (não permitido)
}
admin-role-of = Papel de { $name }
admin-chat-sharing-for = Compartilhar chats para { $name }
admin-delete-named = Excluir { $name }
admin-role-pending = pendente
admin-role-user = membro
admin-default-language = Idioma padrão
admin-default-language-hint = Para pessoas cuja conta e navegador não indicam nenhum idioma que esta instância fale.
date-today = Hoje
date-yesterday = Ontem
date-previous-7-days = Últimos 7 dias
date-previous-30-days = Últimos 30 dias
date-month-year = { $month ->
    [1] janeiro
    [2] fevereiro
    [3] março
    [4] abril
    [5] maio
    [6] junho
    [7] julho
    [8] agosto
    [9] setembro
    [10] outubro
    [11] novembro
   *[12] dezembro
} de { $year }
conn-none-yet = Ainda não há conexões. Adicione uma abaixo.
conn-title = Conexões compatíveis com OpenAI
conn-add-connection = Adicionar uma conexão
conn-no-key = Sem chave (deixe vazio para manter)
conn-optional = Opcional
conn-connection-saved = Conexão salva.
conn-connection-added = Conexão adicionada.
conn-connection-deleted = Conexão excluída.
conn-base-url = URL base
conn-api-key = Chave de API
conn-enabled = Ativada
conn-verify = Verificar
conn-verifying = Verificando…
conn-add-connection-2 = Adicionar conexão
conn-delete-connection = Excluir a conexão?
conn-model = Modelo
conn-refresh-models = Atualizar modelos
conn-no-model-available = Nenhum modelo disponível: os servidores conectados não oferecem nenhum ou não respondem.
conn-no-model-connected = Ainda não há modelo conectado; as mensagens são salvas sem resposta.
conn-set-up-connection = Configurar uma conexão
conn-ask-admin = Peça a um administrador que adicione uma.
home-welcome-chatshare = Boas-vindas ao chatshare
home-intro = Um espaço de chat auto-hospedado. Compartilhe qualquer conversa como link, atualize ou revogue depois e deixe os colegas abrirem só para leitura.
home-create-admin-account = Criar a conta de administrador
home-sign-in-or-up = Entrar ou criar uma conta
home-start = Comece um chat: pergunte qualquer coisa e depois compartilhe a conversa como link.
home-recent-chats = Chats recentes
chat-folders = Pastas
conn-intro = Qualquer servidor que fale a API da OpenAI: Ollama (http://localhost:11434/v1), vLLM, o servidor do llama.cpp, OpenAI. As chaves ficam neste servidor e nunca mais são mostradas.
conn-delete-text = Os modelos de { $url } deixarão de ser oferecidos. As respostas já escritas ficam nos chats.
conn-models-available = { $count ->
    [0] { $count } modelo disponível.
    [1] { $count } modelo disponível.
   *[other] { $count } modelos disponíveis.
}
home-hello = Olá, { $name }
admin-you = você
chat-stopped = interrompido
auth-or = ou
common-close = Fechar
chat-pinned-prefix = { "Fixado: " }
versions-restored = Os leitores voltam a ver a versão { $n } (agora versão { $m }).
versions-version = Versão { $n }
versions-current = atual
versions-open = Abrir a versão { $n }
versions-restore = Restaurar a versão { $n }
versions-restore-button = Restaurar
versions-delete = Excluir a versão { $n }
versions-loading = Carregando versões…
versions-title = Versões ({ $count })
review-in-title = no título
review-in-message = na mensagem { $n }
review-clear = ✓ Verificação de privacidade: nada parece privado.
review-found = { $count ->
    [0] { $count } item parece privado. Mascare-o antes de compartilhar.
    [1] { $count } item parece privado. Mascare-o antes de compartilhar.
   *[other] { $count } itens parecem privados. Mascare-os antes de compartilhar.
}
review-all-masked = ✓ Tudo o que a verificação encontrou está mascarado.
review-mask-all = Mascarar tudo
review-more = …e mais { $count } que não aparecem aqui. Revise o chat antes de compartilhá-lo.
review-too-long = O chat é longo demais para ser verificado inteiro: os últimos { $kb } KB não foram verificados.
review-answer = Resposta
review-other-branch = outro ramo
review-counts = Mensagens: { $ticked } de { $shown } compartilhadas
review-label = Revise o que você compartilha
review-title = Revisão
review-checking = Procurando dados privados…
review-every-branch = Compartilhar todos os ramos (respostas geradas de novo e edições substituídas)
review-ticks-note = Quando você atualiza o link, as mensagens marcadas ficam e as desmarcadas saem. Mensagens escritas depois entram se estiverem no ramo que você vê (ou em qualquer ramo, quando todos são compartilhados).
review-preview = Prévia para quem lê
review-preview-by = { $count ->
    [0] Compartilhado por { $name } · { $count } mensagem no total
    [1] Compartilhado por { $name } · { $count } mensagem no total
   *[other] Compartilhado por { $name } · { $count } mensagens no total
}
review-masked = Mascarado ✓
review-mask = Mascarar
finding-api-key = Chave de API ou token
finding-aws-key = Chave de acesso da AWS
finding-jwt = Token de login (JWT)
finding-private-key = Chave privada
finding-url-password = Senha em uma URL
finding-password = Senha
finding-email = Endereço de e-mail
finding-phone = Número de telefone
finding-iban = Conta bancária (IBAN)
finding-card = Número de cartão
finding-ip = Endereço IP
finding-near-mask = Perto de uma máscara
finding-other = Dados privados
inbox-shared-with-me = Compartilhados comigo
inbox-empty = Nenhum chat foi compartilhado com você por link ainda. Chats que outras pessoas compartilham com você pelo nome, com um grupo seu ou com todos aqui aparecem nesta página.
inbox-new = Novo
inbox-approved = Pedido aprovado
inbox-live = Ao vivo
inbox-shared-it = { $name } compartilhou com { $via }
inbox-changed = alterado
inbox-updated = atualizado
inbox-continue = Continuar este chat
inbox-my-links = Meus links compartilhados
inbox-new-lower = novos
inbox-waiting-answer = aguardando sua resposta
common-search = Pesquisar
access-private = Privado
access-public = Público
access-full = Público, histórico completo
