chat-messages = { $count ->
    [one] { $count } Nachricht
   *[other] { $count } Nachrichten
}
