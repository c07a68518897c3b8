//! An SMTP server in the test process that keeps what it receives: mail in tests is really
//! sent over SMTP (production refuses the file transport).

use std::sync::{Arc, Mutex};

use mailin_embedded::{Handler, Response, Server, SslConfig, response};

/// An SMTP server in the test process that keeps every message it receives. Each connection
/// gets its own clone, so the message being received is per connection; the list is shared.
#[derive(Clone, Default)]
pub struct Sink {
    current: Vec<u8>,
    pub received: Arc<Mutex<Vec<String>>>,
}

impl Handler for Sink {
    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.current.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let message = String::from_utf8_lossy(&std::mem::take(&mut self.current)).into_owned();
        self.received.lock().unwrap().push(message);
        response::OK
    }
}

/// Starts a sink on a free port and returns it with its URL.
pub fn start_sink() -> (Sink, String) {
    let sink = Sink::default();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("smtp://{}", listener.local_addr().unwrap());
    let mut server = Server::new(sink.clone());
    server
        .with_name("sink.localhost")
        .with_ssl(SslConfig::None)
        .unwrap()
        .with_tcp_listener(listener);
    std::thread::spawn(move || {
        let _ = server.serve();
    });
    (sink, url)
}

/// A free port where nothing listens (SMTP "down").
pub fn dead_smtp_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("smtp://{}", listener.local_addr().unwrap());
    drop(listener);
    url
}
