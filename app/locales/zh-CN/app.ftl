chat-messages = { $count ->
    [one] { $count } message
   *[other] { $count } messages
}
