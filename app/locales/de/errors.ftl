error-chat-not-found = Chat nicht gefunden.
