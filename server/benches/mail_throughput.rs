//! How many mails a second the outbox worker delivers over SMTP to a local sink: N mails are
//! queued in a fresh SQLite database (the default deployment), then one worker (and then two
//! at once, as two instances would) sends them. Prints the figures; asserts only that every
//! mail arrived once. `cargo bench -p server --bench mail_throughput [-- N]`.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use mailin_embedded::{Handler, Response, Server, SslConfig, response};

#[derive(Clone, Default)]
struct Sink {
    current: Vec<u8>,
    received: Arc<Mutex<usize>>,
}

impl Handler for Sink {
    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.current.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        self.current.clear();
        *self.received.lock().unwrap() += 1;
        response::OK
    }
}

fn start_sink() -> (Sink, String) {
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

async fn run(n: usize, workers: usize) {
    let dir = std::env::temp_dir().join(format!("mb-mail-bench-{}-{workers}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("bench.db").display());
    let db = server::db::connect_and_migrate(&url).await.unwrap();
    let mail = app::ssr::mail::login_link(app::i18n::Locale::sv, "Benchkommun", "http://x/l");
    for i in 0..n {
        app::ssr::outbox::enqueue(
            &db,
            &format!("bench:{i}"),
            &format!("p{i}@exempel.se"),
            None,
            mail.clone(),
        )
        .await
        .unwrap();
    }
    // MAIL_BENCH_SMTP points at another SMTP server (e.g. a real MTA on loopback) instead of
    // the embedded sink, which answers each command only after TCP's delayed ACK (~40 ms).
    let external = std::env::var("MAIL_BENCH_SMTP").ok();
    let (sink, smtp) = match &external {
        Some(url) => (Sink::default(), url.clone()),
        None => start_sink(),
    };
    let from = "Medborgarbudget <noreply@bench.localhost>";
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..workers {
        let db = db.clone();
        let transport = server::mailer::MailTransport::smtp(&smtp, from).unwrap();
        tasks.push(tokio::spawn(async move {
            while server::mailer::send_due(
                &db,
                &transport,
                &app::ssr::keys::Keys::from_secret(b"bench"),
                false,
            )
            .await
            .unwrap()
                > 0
            {}
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let seconds = started.elapsed().as_secs_f64();
    if external.is_none() {
        let received = *sink.received.lock().unwrap();
        assert_eq!(received, n, "every mail delivered once");
    }
    println!(
        "{n} mails, {workers} worker(s): {seconds:.2} s, {:.0} mails/s",
        n as f64 / seconds
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::main]
async fn main() {
    let n = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(2000);
    run(n, 1).await;
    run(n, 2).await;
}
