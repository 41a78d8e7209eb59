//! A server-sent events parser, fed bytes as they arrive. The server reads an upstream model's
//! stream with it; the browser reads the app's reply stream with it.

/// One event: its `event:` name (`message` when none) and its `data:` lines joined by `\n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseEvent {
    /// The event's name.
    pub event: String,
    /// The event's data.
    pub data: String,
}

/// Collects bytes and hands out complete events. Events end at a blank line (`\n\n`, `\r\n\r\n`
/// or a mix); comments (`: keep-alive`) are skipped; a UTF-8 character split across two chunks
/// is kept until its second half arrives.
#[derive(Debug, Default)]
pub struct SseParser {
    buffer: Vec<u8>,
}

impl SseParser {
    /// A parser with nothing buffered.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `chunk` and returns every event it completed.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<SseEvent> {
        self.buffer.extend_from_slice(chunk);
        let mut events = Vec::new();
        while let Some((end, next)) = blank_line(&self.buffer) {
            let block: Vec<u8> = self.buffer.drain(..next).take(end).collect();
            if let Some(ev) = parse_block(&String::from_utf8_lossy(&block)) {
                events.push(ev);
            }
        }
        events
    }

    /// Bytes received that do not yet form a whole event (non-empty when a stream was cut off).
    pub fn pending(&self) -> usize {
        self.buffer.len()
    }
}

/// Where the first event in `buf` ends (`end`) and the next one starts (`next`).
fn blank_line(buf: &[u8]) -> Option<(usize, usize)> {
    let mut i = 0;
    while i < buf.len() {
        if buf[i] == b'\n' {
            // A line ends here; is the next line empty?
            let mut j = i + 1;
            if buf.get(j) == Some(&b'\r') {
                j += 1;
            }
            if buf.get(j) == Some(&b'\n') {
                return Some((i, j + 1));
            }
        }
        i += 1;
    }
    None
}

fn parse_block(block: &str) -> Option<SseEvent> {
    let mut event = String::new();
    let mut data: Vec<&str> = Vec::new();
    for line in block.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() || line.starts_with(':') {
            continue;
        }
        let (field, value) = match line.split_once(':') {
            Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
            None => (line, ""),
        };
        match field {
            "event" => event = value.to_owned(),
            "data" => data.push(value),
            _ => {}
        }
    }
    if data.is_empty() && event.is_empty() {
        return None;
    }
    Some(SseEvent {
        event: if event.is_empty() {
            "message".to_owned()
        } else {
            event
        },
        data: data.join("\n"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_split_across_chunks_and_line_endings() {
        let mut p = SseParser::new();
        assert!(p.push(b"data: {\"a\"").is_empty());
        let evs = p.push(b":1}\n\n: keep-alive\n\nevent: done\r\ndata: x\r\ndata: y\r\n\r\ndata: [DONE]\n\n");
        assert_eq!(
            evs,
            vec![
                SseEvent {
                    event: "message".into(),
                    data: "{\"a\":1}".into()
                },
                SseEvent {
                    event: "done".into(),
                    data: "x\ny".into()
                },
                SseEvent {
                    event: "message".into(),
                    data: "[DONE]".into()
                },
            ]
        );
        assert_eq!(p.pending(), 0);
    }

    #[test]
    fn a_character_split_between_chunks_survives() {
        let text = "data: héllo\n\n".as_bytes();
        let mut p = SseParser::new();
        let cut = text.iter().position(|&b| b >= 0x80).unwrap() + 1;
        assert!(p.push(&text[..cut]).is_empty());
        assert_eq!(p.push(&text[cut..])[0].data, "héllo");
    }

    #[test]
    fn an_unfinished_event_stays_pending() {
        let mut p = SseParser::new();
        assert!(p.push(b"data: partial").is_empty());
        assert_eq!(p.pending(), 13);
    }
}
