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
