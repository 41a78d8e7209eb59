error-chat-not-found = Chat not found.
