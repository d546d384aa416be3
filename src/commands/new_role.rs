//! `career-guide new role "Title" --category slug`: writes a complete role
//! skeleton that passes `check`, marked as a draft until it is written.
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use time::OffsetDateTime;

use crate::content::scaffold;
use crate::domain::Slug;

#[derive(Debug, thiserror::Error)]
pub enum NewRoleError {
    #[error("the title `{title}` gives no usable slug: {source}")]
    Title {
        title: String,
        #[source]
        source: crate::domain::SlugError,
    },
    #[error("`--category`: {0}")]
    CategorySlug(#[from] crate::domain::SlugError),
    #[error("there is no category `{slug}` ({path} does not exist)")]
    UnknownCategory { slug: String, path: PathBuf },
    #[error("{0} already exists; edit it instead")]
    Exists(PathBuf),
    #[error("cannot write {path}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot render the skeleton")]
    Render(#[from] askama::Error),
}

pub fn run(content_dir: &Path, title: &str, category: &str) -> ExitCode {
    match create(content_dir, title, category) {
        Ok(path) => {
            println!("created {}", path.display());
            println!(
                "it is a draft: write every section, then remove `draft = true` and run `career-guide check`"
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            let mut message = format!("error: {e}");
            let mut source = std::error::Error::source(&e);
            while let Some(cause) = source {
                message.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the file and returns its path. Never overwrites.
pub fn create(content_dir: &Path, title: &str, category: &str) -> Result<PathBuf, NewRoleError> {
    let title = title.trim();
    let slug = Slug::from_title(title).map_err(|source| NewRoleError::Title {
        title: title.to_owned(),
        source,
    })?;
    let category = Slug::parse(category)?;
    let category_path = content_dir
        .join("categories")
        .join(format!("{category}.md"));
    if !category_path.is_file() {
        return Err(NewRoleError::UnknownCategory {
            slug: category.to_string(),
            path: category_path,
        });
    }
    let today = OffsetDateTime::now_utc().date().to_string();
    let text = scaffold::render(title, category.as_str(), &today)?;
    let path = content_dir.join("roles").join(format!("{slug}.md"));
    let write = |path: &Path| -> std::io::Result<()> {
        std::fs::create_dir_all(path.parent().expect("roles dir"))?;
        // `create_new` refuses to replace a file, even one created a moment ago.
        let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
        file.write_all(text.as_bytes())
    };
    match write(&path) {
        Ok(()) => Ok(path),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(NewRoleError::Exists(path)),
        Err(source) => Err(NewRoleError::Write { path, source }),
    }
}
