page-shared-by = Compartilhado por { $name } · { $when }
page-live-last-changed = ao vivo, última alteração em
page-version-taken = versão { $n }, tirada em
page-snapshot-taken = instantâneo tirado em
page-updated-times = { $count ->
    [0] Atualizado { $count } vez · a última em
    [1] Atualizado { $count } vez · a última em
   *[other] Atualizado { $count } vezes · a última em
}
page-old-version = Você está vendo a versão { $n }; os leitores veem a versão { $current }.
page-download = Baixar:
page-download-markdown = Baixar em Markdown
page-download-json = Baixar em JSON
page-request-approved = { $name } aprovou seu pedido.
page-link-needs-password = Este link precisa de uma senha
page-cannot-open-yet = Você ainda não pode abrir isto
page-link-expired = Este link expirou
page-extend = Prorrogar
page-extend-note = Ele volta a abrir por sete dias, no mesmo endereço. Você pode mudar isso na janela de compartilhamento do chat.
page-go-chats = Ir para seus chats
page-gone-title = Este chat compartilhado não está mais disponível
page-gone-text = O link pode ter sido excluído pelo dono, ou o endereço está errado.
page-gone-short = Chat compartilhado indisponível
page-ask-for-password = Peça a senha à pessoa que o compartilhou.
common-open = Abrir
page-password-wrong = Essa senha não está certa.
page-requested = Pedido enviado. O dono verá seu pedido. Esta página abre o chat assim que ele aprovar, e “Compartilhados comigo” na sua barra lateral vai listá-lo.
page-request-access = Pedir acesso
page-clone-chat = Clonar chat
page-sign-in-to-clone = Entre para clonar
page-open-current-version = Abrir a versão atual
page-continue-chat = Continuar este chat
page-copy-link = Copiar link
page-print-save-as-pdf = Imprimir / Salvar como PDF
page-read-aloud = Ler em voz alta
page-cannot-read-aloud = Este navegador não consegue ler em voz alta.
page-link-copied = Link copiado.
page-link-copy-blocked = Seu navegador bloqueou a cópia: a barra de endereço tem o link.
page-live-updated = Atualizado agora mesmo.
page-live-gone = Este link não está mais disponível: recarregue a página para ver o motivo.
page-open-in = Abrir em { $name }
page-shared-by-name = Compartilhado por { $name }
notice-pending = Sua conta aguarda a aprovação de um administrador.
notice-community-gone = Este chat da comunidade não existe ou não está compartilhado com você.
notice-e503 = O serviço não está disponível agora. Tente de novo.
notice-no-share-permission = Você não tem permissão para compartilhar chats.
notice-e400 = Essa solicitação não era válida. Tente de novo.
notice-e401 = Entre para continuar.
notice-e409 = Isso entra em conflito com algo que já existe.
notice-e410 = Isso terminou e não está mais disponível.
notice-e413 = Isso é grande demais.
notice-signin-wrong = O e-mail ou a senha está incorreto.
notice-signup-off = O cadastro está desativado. Peça uma conta a um administrador.
notice-email-invalid = Digite um endereço de e-mail válido.
notice-name-invalid = Digite um nome de 1 a 100 caracteres.
notice-password-short = A senha precisa ter pelo menos 8 caracteres.
notice-password-long = A senha pode ter no máximo 256 bytes.
notice-email-taken = Já existe uma conta com este e-mail.
notice-password-login-off = A entrada com senha está desativada nesta instância. Use a entrada da sua empresa.
notice-signin-busy = Há entradas demais sendo verificadas agora. Tente de novo em um instante.
notice-sso-again = A entrada não foi concluída. Entre de novo.
notice-sso-state = Esta entrada não começou neste navegador ou demorou demais (a verificação de segurança, o state, não confere). Entre de novo.
notice-sso-slow = Esta entrada demorou demais. Entre de novo.
notice-sso-used = Esta entrada já foi usada ou expirou. Entre de novo.
notice-sso-code = Seu provedor de identidade não aceitou esta entrada (o código foi recusado ou tinha expirado). Tente de novo ou fale com o administrador.
notice-sso-checks = Seu provedor de identidade enviou uma resposta que não passou nas verificações de segurança (assinatura, público, validade ou nonce). Tente de novo ou fale com o administrador.
notice-sso-exists = Já existe aqui uma conta com seu e-mail, e ela não está vinculada a esta entrada. Entre com a senha dela ou peça a um administrador que permita vincular contas por e-mail verificado.
notice-sso-unverified = Já existe aqui uma conta com seu e-mail, e seu provedor de identidade não confirmou que esse e-mail é seu; por isso as duas não são vinculadas.
notice-sso-cancelled = A entrada no seu provedor de identidade foi cancelada ou recusada.
notice-sso-failed = Seu provedor de identidade não conseguiu fazer sua entrada.
notice-sso-no-email = Seu provedor de identidade não enviou seu e-mail, de que este app precisa. Peça ao administrador que libere o atributo de e-mail.
notice-sso-domain = Contas do domínio do seu e-mail não podem entrar nesta instância.
notice-sso-linked = Esta entrada já está vinculada a uma conta.
notice-sso-off = A entrada por um provedor de identidade não está configurada nesta instância.
inbox-via-group = seu grupo { $name }
inbox-via-you = você
inbox-via-everyone = todos nesta instância
folders-new = Nova pasta
folders-name = Nome da pasta
folders-create = Criar
folders-drag-hint = Arraste chats para uma pasta para guardá-los.
folders-shared = Pastas compartilhadas
folders-unread = não lidos
folders-shared-by = compartilhada por { $name }
folders-shared-badge = Compartilhada
folders-show = Mostrar o conteúdo de { $name }
community-not-available = Indisponível
community-back = Voltar à comunidade
community-byline = Compartilhado por { $name } ·
community-views = { $count ->
    [0] { $count } visualização
    [1] { $count } visualização
   *[other] { $count } visualizações
}
community-title = Comunidade
community-found = { $count ->
    [0] { $count } chat encontrado para “{ $query }”
    [1] { $count } chat encontrado para “{ $query }”
   *[other] { $count } chats encontrados para “{ $query }”
}
community-public-chats = { $count ->
    [0] { $count } chat público
    [1] { $count } chat público
   *[other] { $count } chats públicos
}
community-intro = Chats que membros desta instância compartilharam com todos.
community-mine = Meus chats na comunidade
community-search-label = Pesquisar chats da comunidade
community-search-placeholder = Pesquisar títulos, tags e mensagens
community-sort-tags = Ordem e tags
community-newest = Mais recentes
community-most-viewed = Mais vistos
community-all-tags = Todas as tags
community-pages = Páginas
community-previous = Anterior
community-next = Próxima
community-level-private = Privado: só você pode abrir
community-level-public = Público
community-level-full = Público, com todos os ramos
community-hidden-note = Ocultado por um administrador: só quem o enviou e os administradores podem abri-lo.
community-back-arrow = ← Comunidade
community-models = Modelos: { $models }
community-updated = Atualizado.
community-permission = Visibilidade
community-tags = Tags
community-tags-example = pão, confeitaria
community-update = Atualizar chat
community-delete = Excluir da comunidade
community-show-again = Mostrar de novo
community-hide = Ocultar
community-deleted = Excluído da comunidade.
community-none-mine = Você ainda não compartilhou nenhum chat com a comunidade. Abra a janela de compartilhamento de um chat e escolha “Compartilhar na comunidade Open WebUI”.
access-private-explain = Só você pode abri-lo. Ele nunca é listado nem encontrado.
access-public-explain = Qualquer pessoa pode abri-lo e encontrá-lo: a conversa como você a lia, um ramo.
access-full-explain = Qualquer pessoa pode abri-lo e encontrá-lo, com todos os ramos: edições e respostas geradas de novo também.
