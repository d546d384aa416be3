//! Run-time settings of the server, from flags and environment variables.
use std::path::PathBuf;

/// The public origin of the site, without a trailing slash
/// (`https://careers.example.org`). Absolute links are built from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    pub fn parse(input: &str) -> Result<Self, String> {
        let trimmed = input.trim().trim_end_matches('/');
        let rest = trimmed
            .strip_prefix("https://")
            .or_else(|| trimmed.strip_prefix("http://"))
            .ok_or_else(|| format!("BASE_URL `{input}` must start with http:// or https://"))?;
        if rest.is_empty() || rest.contains(['/', '?', '#', ' ']) {
            return Err(format!(
                "BASE_URL `{input}` must be an origin like https://example.org, with no path"
            ));
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// `path` must start with `/`.
    pub fn join(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// Address to listen on; port 0 picks a free port.
    pub bind: String,
    pub content_dir: PathBuf,
    /// BLS OEWS CSV files (`national.csv`, `states.csv`).
    pub wage_data_dir: PathBuf,
    /// BLS Employment Projections (`occupations.csv`).
    pub projections_data_dir: PathBuf,
    /// O*NET skill and work-activity ratings (`elements.csv`, `importance.csv`).
    pub onet_data_dir: PathBuf,
    /// OEWS metro and nonmetro area wages (`metros.csv.gz`).
    pub metro_data_dir: PathBuf,
    pub static_dir: PathBuf,
    pub database_url: String,
    /// `None` means "the address we are bound to", known only after binding.
    pub base_url: Option<BaseUrl>,
    /// Re-sync content when files change, and show content errors on pages.
    pub watch: bool,
    /// Serve draft roles (preview).
    pub drafts: bool,
    /// Memory for rendered pages, in MiB; 0 renders every request.
    pub page_cache_mb: u64,
    /// How much of the database file is read through a memory map, in MiB
    /// (0: pages are copied in by system calls). The export reads nearly
    /// all of it and is faster with a map; the server reads little after
    /// its pages are cached, and a map would count its file in the
    /// server's resident memory.
    pub sqlite_mmap_mb: u64,
}

impl Settings {
    pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
    pub const DEFAULT_DATABASE_URL: &str = "sqlite://career-guide.db";

    /// Defaults for a checkout: bundled content, data and assets, a local file database.
    pub fn local() -> Self {
        Self {
            bind: Self::DEFAULT_BIND.into(),
            content_dir: "content".into(),
            wage_data_dir: "data/oews-2025".into(),
            projections_data_dir: "data/bls-ep-2024-34".into(),
            onet_data_dir: "data/onet-30.1-skills".into(),
            metro_data_dir: "data/oews-2025-metro".into(),
            static_dir: "static".into(),
            database_url: Self::DEFAULT_DATABASE_URL.into(),
            base_url: None,
            watch: false,
            drafts: false,
            page_cache_mb: crate::page_cache::DEFAULT_MB,
            sqlite_mmap_mb: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_is_an_origin() {
        assert_eq!(
            BaseUrl::parse("https://x.org/").unwrap().join("/roles"),
            "https://x.org/roles"
        );
        assert!(BaseUrl::parse("x.org").is_err());
        assert!(BaseUrl::parse("https://x.org/sub").is_err());
        assert!(BaseUrl::parse("https://").is_err());
    }
}
