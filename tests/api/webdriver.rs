//! chromedriver for the real-browser tests: started on a free port, killed
//! when dropped. Where it is not installed the tests are skipped with a
//! notice, except in CI (`CI` set), which installs it and must run them.
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A chromedriver process on a free port, killed when dropped.
pub struct Driver {
    child: Child,
    pub url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `env` if set, else `name` found on the PATH.
pub fn on_path(name: &str, env: &str) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(env) {
        return Some(PathBuf::from(path));
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Starts chromedriver, or returns None (with a notice) where it is not
/// installed and this is not CI.
pub fn start(who: &str) -> Option<Driver> {
    let Some(path) = on_path("chromedriver", "CHROMEDRIVER") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs chromedriver for the browser tests (apt-get install chromium chromium-driver)"
        );
        eprintln!("{who}: chromedriver not found; skipping the real-browser checks");
        return None;
    };
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = Command::new(path)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not listen");
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(driver)
}
