//! `career-guide export`: the exported directory, served by nginx with the
//! configuration shipped in `deploy/`, answers every URL of the sitemap with
//! the status and bytes the application sends, and every alias redirect; a
//! second export of the same content rewrites nothing.
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, SystemTime};

use crate::helpers::{BASE_URL, TestApp, fixture, spawn_app};

fn export(app: &TestApp, out: &Path) -> String {
    export_with(app, out, &[])
}

fn export_with(app: &TestApp, out: &Path, options: &[&str]) -> String {
    let db = out.with_extension("db");
    let output = Command::new(env!("CARGO_BIN_EXE_career-guide"))
        .arg("export")
        .arg(out)
        .arg("--content")
        .arg(&app.content_dir)
        .arg("--wage-data")
        .arg(fixture("oews"))
        .arg("--metro-data")
        .arg(fixture("oews-metro"))
        .arg("--database")
        .arg(format!("sqlite://{}", db.display()))
        .args(["--base-url", BASE_URL])
        .args(options)
        .env_remove("RUST_LOG")
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "export failed: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// nginx on a free loopback port, stopped on drop.
struct Nginx {
    child: Child,
    address: String,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_nginx(root: &Path, work: &Path) -> Nginx {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen = format!("127.0.0.1:{port}");
    let shipped = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/nginx-export.conf"),
    )
    .unwrap();
    let server = work.join("server.conf");
    std::fs::write(
        &server,
        shipped
            .replace("@LISTEN@", &listen)
            .replace("@ROOT@", &root.display().to_string()),
    )
    .unwrap();
    let conf = work.join("nginx.conf");
    let w = work.display();
    std::fs::write(
        &conf,
        format!(
            // One process, so that stopping the child stops nginx.
            "daemon off;\nmaster_process off;\npid {w}/nginx.pid;\nerror_log {w}/error.log;\n\
             user root;\nevents {{}}\nhttp {{\n  include /etc/nginx/mime.types;\n  \
             access_log off;\n  client_body_temp_path {w}/body;\n  include {};\n}}\n",
            server.display()
        ),
    )
    .unwrap();
    let nginx = ["/usr/sbin/nginx", "nginx"]
        .into_iter()
        .find(|n| Command::new(n).arg("-v").output().is_ok())
        .expect("nginx is installed (apt-get install nginx-light)");
    let child = Command::new(nginx)
        .arg("-c")
        .arg(&conf)
        .arg("-p")
        .arg(work)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(&listen).is_err() {
        assert!(
            std::time::Instant::now() < deadline,
            "nginx did not start: {}",
            std::fs::read_to_string(work.join("error.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    Nginx {
        child,
        address: format!("http://{listen}"),
    }
}

async fn fetch(app: &TestApp, origin: &str, path: &str) -> (u16, Option<String>, Vec<u8>) {
    let response = app
        .client
        .get(format!("{origin}{path}"))
        .send()
        .await
        .unwrap();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    let status = response.status().as_u16();
    (status, location, response.bytes().await.unwrap().to_vec())
}

/// Sets every file's modification time to 2001-09-09.
fn age(dir: &Path) {
    let past = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    for (path, _) in mtimes(dir) {
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(past).unwrap();
    }
}

fn mtimes(dir: &Path) -> Vec<(PathBuf, SystemTime)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(mtimes(&path));
        } else {
            out.push((path.clone(), path.metadata().unwrap().modified().unwrap()));
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn nginx_serves_the_export_byte_for_byte_as_the_app() {
    let app = spawn_app().await;
    let work = tempfile::TempDir::new().unwrap();
    let site = work.path().join("site");
    export(&app, &site);
    let nginx = start_nginx(&site, work.path());

    let sitemap = app.text("/sitemap.xml").await;
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let mut paths: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap().strip_prefix(BASE_URL).unwrap().to_owned())
        .collect();
    assert!(paths.len() > 10, "{paths:?}");
    let css = crate::helpers::attrs(&app.page("/").await, "link[rel=stylesheet]", "href");
    paths.extend(css);
    for extra in [
        "/sitemap.xml",
        "/feed.xml",
        "/categories/testing/feed.xml",
        "/robots.txt",
        "/favicon.ico",
        "/no-such-page",
        "/roles/no-such-role",
    ] {
        paths.push(extra.to_owned());
    }
    for path in &paths {
        let (app_status, _, app_body) = fetch(&app, &app.address, path).await;
        let (nginx_status, _, nginx_body) = fetch(&app, &nginx.address, path).await;
        assert_eq!(nginx_status, app_status, "{path}");
        assert!(nginx_body == app_body, "{path}: the bodies differ");
    }

    let redirects = std::fs::read_to_string(site.join("_redirects")).unwrap();
    assert!(!redirects.is_empty(), "the fixture has an alias");
    for line in redirects.lines() {
        let [from, to, "301"] = line.split(' ').collect::<Vec<_>>()[..] else {
            panic!("{line}");
        };
        for origin in [&app.address, &nginx.address] {
            let (status, location, _) = fetch(&app, origin, from).await;
            assert_eq!(
                (status, location.as_deref()),
                (301, Some(to)),
                "{origin}{from}"
            );
        }
    }

    // Precompressed siblings are what nginx sends to a gzip client.
    let gzipped = app
        .client
        .get(format!("{}/roles/quality-engineer", nginx.address))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(gzipped.headers()["content-encoding"], "gzip");
    assert_eq!(
        gzipped.bytes().await.unwrap(),
        std::fs::read(site.join("roles/quality-engineer.html.gz")).unwrap()
    );
}

#[tokio::test]
async fn a_second_export_rewrites_only_what_changed() {
    let app = spawn_app().await;
    let work = tempfile::TempDir::new().unwrap();
    let site = work.path().join("site");
    export(&app, &site);
    // Dated far in the past, so that any rewrite shows in the mtimes
    // however coarse the file system's clock.
    age(&site);
    let first = mtimes(&site);

    let again = export(&app, &site);
    assert!(again.contains("0 files written"), "{again}");
    assert_eq!(mtimes(&site), first, "nothing rewritten");

    // Files deleted from the export are written again, and only they.
    std::fs::remove_file(site.join("index.html")).unwrap();
    std::fs::remove_file(site.join("roles/quality-engineer.html.br")).unwrap();
    let restored = export(&app, &site);
    assert!(restored.contains("2 files written"), "{restored}");
    assert!(site.join("index.html").exists());
    assert!(site.join("roles/quality-engineer.html.br").exists());

    // One role edited, one deleted.
    let file = app.content_dir.join("roles/security-tester.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("Security Tester", "Security QA Tester")).unwrap();
    std::fs::remove_file(app.content_dir.join("roles/release-manager.md")).unwrap();
    let edited = export(&app, &site);
    assert!(edited.contains("3 removed"), "{edited}");
    assert!(!site.join("roles/release-manager.html").exists());
    assert!(!site.join("roles/release-manager.html.gz").exists());
    let changed: Vec<PathBuf> = mtimes(&site)
        .into_iter()
        .filter(|(path, time)| !first.contains(&(path.clone(), *time)))
        .map(|(path, _)| path)
        .collect();
    let changed_page = |p: &str| changed.contains(&site.join(p));
    assert!(changed_page("roles/security-tester.html"), "{changed:?}");
    assert!(changed_page("roles/security-tester.html.br"));
    // Its category lists it by title; a salary page it is not mapped to
    // does not.
    assert!(changed_page("categories/testing.html"));
    assert!(!changed_page("salaries.html"), "{changed:?}");
    assert!(!changed_page("favicon.ico"));
}

/// Every file of the export with its bytes, but the manifest.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = mtimes(dir)
        .into_iter()
        .map(|(path, _)| (path.clone(), std::fs::read(&path).unwrap()))
        .filter(|(path, _)| !path.ends_with(".export-manifest.json"))
        .collect();
    files.sort();
    files
}

fn is_compressed(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "gz" || e == "br")
}

#[tokio::test]
async fn an_export_without_precompressed_siblings_and_back() {
    let app = spawn_app().await;
    let work = tempfile::TempDir::new().unwrap();
    let with = work.path().join("with");
    let plain = work.path().join("plain");
    export(&app, &with);
    let summary = export_with(&app, &plain, &["--no-precompress"]);
    assert!(summary.contains("0 removed"), "{summary}");

    // The same pages, byte for byte, without a sibling.
    let pages_of = |dir: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        files(dir)
            .into_iter()
            .filter(|(path, _)| !is_compressed(path))
            .map(|(path, bytes)| (path.strip_prefix(dir).unwrap().to_owned(), bytes))
            .collect()
    };
    let plain_files = files(&plain);
    assert!(plain_files.iter().all(|(path, _)| !is_compressed(path)));
    assert_eq!(pages_of(&plain), pages_of(&with));
    assert!(files(&with).len() > plain_files.len());

    // Into the same directory again, with siblings: every text file gets
    // them; and without again: they are removed.
    export(&app, &plain);
    assert_eq!(files(&plain).len(), files(&with).len());
    assert!(plain.join("roles/quality-engineer.html.br").exists());
    let again = export_with(&app, &plain, &["--no-precompress"]);
    assert_eq!(files(&plain), plain_files, "{again}");
}
