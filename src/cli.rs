//! Command line: `serve` (the default), `check` and `new`.
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::config::{BaseUrl, Settings};

#[derive(Parser)]
#[command(
    name = "career-guide",
    version,
    about = "Job profiles from markdown, served as a web site"
)]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (the default when no command is given).
    Serve(ServeArgs),
    /// Check every content file without starting the server.
    Check(CheckArgs),
    /// Write the whole public site as static files into DIR.
    Export(ExportArgs),
    /// Create a new content file from a complete skeleton.
    #[command(subcommand)]
    New(NewCommand),
}

#[derive(Args, Clone)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "BIND", default_value = Settings::DEFAULT_BIND)]
    bind: String,
    #[command(flatten)]
    sources: Sources,
    /// SQLite database URL; the file is created if missing.
    #[arg(long = "database", env = "DATABASE_URL", default_value = Settings::DEFAULT_DATABASE_URL)]
    database_url: String,
    /// Public origin used in absolute links (canonical URLs, sitemap, feeds).
    #[arg(long, env = "BASE_URL", value_parser = BaseUrl::parse)]
    base_url: Option<BaseUrl>,
    /// Re-sync when content files change; show content errors in pages.
    #[arg(long)]
    watch: bool,
    /// Serve draft roles (preview only).
    #[arg(long)]
    drafts: bool,
    /// Memory for rendered pages, in MiB (0: render every request).
    #[arg(long, env = "PAGE_CACHE_MB", default_value_t = crate::page_cache::DEFAULT_MB)]
    page_cache_mb: u64,
}

/// Where the site's inputs are: used by `serve` and `check` alike.
#[derive(Args, Clone)]
struct Sources {
    /// Content directory.
    #[arg(long = "content", env = "CONTENT_DIR", default_value = "content")]
    content_dir: PathBuf,
    /// Directory of the BLS OEWS wage data.
    #[arg(
        long = "wage-data",
        env = "WAGE_DATA_DIR",
        default_value = "data/oews-2025"
    )]
    wage_data_dir: PathBuf,
    /// Directory of the BLS Employment Projections.
    #[arg(
        long = "projections-data",
        env = "PROJECTIONS_DATA_DIR",
        default_value = "data/bls-ep-2024-34"
    )]
    projections_data_dir: PathBuf,
    /// Directory of the O*NET skill and work-activity ratings.
    #[arg(
        long = "onet-data",
        env = "ONET_DATA_DIR",
        default_value = "data/onet-30.1-skills"
    )]
    onet_data_dir: PathBuf,
    /// Directory of the OEWS metro-area wage data.
    #[arg(
        long = "metro-data",
        env = "METRO_DATA_DIR",
        default_value = "data/oews-2025-metro"
    )]
    metro_data_dir: PathBuf,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    sources: Sources,
    /// Exit with status 1 on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Also print how much of the job market the profiles cover (BLS
    /// Employment Projections: openings and employment).
    #[arg(long)]
    coverage: bool,
}

#[derive(Args)]
struct ExportArgs {
    /// Directory to write the site into (created if missing). A second
    /// export into it rewrites only what changed.
    dir: PathBuf,
    #[command(flatten)]
    sources: Sources,
    /// SQLite database URL; the file is created if missing.
    #[arg(long = "database", env = "DATABASE_URL", default_value = Settings::DEFAULT_DATABASE_URL)]
    database_url: String,
    /// Public origin the site will be served from (canonical URLs, sitemap, feeds).
    #[arg(long, env = "BASE_URL", value_parser = BaseUrl::parse)]
    base_url: BaseUrl,
    /// Write no `.gz` and `.br` siblings: for hosts that compress on their
    /// own (Netlify, Cloudflare Pages, most CDNs).
    #[arg(long)]
    no_precompress: bool,
}

#[derive(Subcommand)]
enum NewCommand {
    /// A role profile: `career-guide new role "Data Engineer" --category data-ai`.
    Role {
        /// The job title.
        title: String,
        /// Slug of an existing category.
        #[arg(long)]
        category: String,
        /// Content directory.
        #[arg(long = "content", env = "CONTENT_DIR", default_value = "content")]
        content_dir: PathBuf,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => serve(cli.serve),
        Some(Command::Serve(args)) => serve(args),
        Some(Command::Check(args)) => crate::commands::check::run(
            &args.sources.content_dir,
            &args.sources.wage_data_dir,
            &args.sources.projections_data_dir,
            crate::commands::check::Options {
                deny_warnings: args.deny_warnings,
                coverage: args.coverage,
            },
        ),
        Some(Command::Export(args)) => export(args),
        Some(Command::New(NewCommand::Role {
            title,
            category,
            content_dir,
        })) => crate::commands::new_role::run(&content_dir, &title, &category),
    }
}

fn export(args: ExportArgs) -> ExitCode {
    // One log line per page would bury the summary.
    let _log = crate::telemetry::init("warn");
    let settings = Settings {
        content_dir: args.sources.content_dir,
        wage_data_dir: args.sources.wage_data_dir,
        projections_data_dir: args.sources.projections_data_dir,
        onet_data_dir: args.sources.onet_data_dir,
        metro_data_dir: args.sources.metro_data_dir,
        database_url: args.database_url,
        base_url: Some(args.base_url.clone()),
        ..Settings::local()
    };
    let started = std::time::Instant::now();
    let result = actix_web::rt::System::new().block_on(crate::export::run(
        settings,
        args.base_url,
        &args.dir,
        crate::export::Options {
            precompress: !args.no_precompress,
        },
    ));
    match result {
        Ok(stats) => {
            println!(
                "exported {} pages and files to {} in {:.2}s: {} rendered, {} files written, {} removed",
                stats.pages,
                args.dir.display(),
                started.elapsed().as_secs_f64(),
                stats.rendered,
                stats.written,
                stats.removed
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn serve(args: ServeArgs) -> ExitCode {
    let _log = crate::telemetry::init("info");
    let settings = Settings {
        bind: args.bind,
        content_dir: args.sources.content_dir,
        wage_data_dir: args.sources.wage_data_dir,
        projections_data_dir: args.sources.projections_data_dir,
        onet_data_dir: args.sources.onet_data_dir,
        metro_data_dir: args.sources.metro_data_dir,
        database_url: args.database_url,
        base_url: args.base_url,
        watch: args.watch,
        drafts: args.drafts,
        page_cache_mb: args.page_cache_mb,
        ..Settings::local()
    };
    // actix-web's own runtime: one system, workers on their own threads.
    let result = actix_web::rt::System::new().block_on(async {
        let app = crate::startup::Application::build(settings).await?;
        app.run_until_stopped().await?;
        anyhow::Ok(())
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
