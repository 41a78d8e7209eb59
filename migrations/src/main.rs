//! `cargo run -p migrations -- up|down|status|fresh`: runs the chatshare migrations against
//! `DATABASE_URL`, or, when it is unset, against the server's default SQLite file
//! (`$CHATSHARE_DATA_DIR/chatshare.db`, data dir `./data`).

use sea_orm_migration::prelude::*;

#[tokio::main]
async fn main() {
    if std::env::var_os("DATABASE_URL").is_none() {
        let dir = std::env::var("CHATSHARE_DATA_DIR").unwrap_or_else(|_| "./data".to_owned());
        if let Err(e) = std::fs::create_dir_all(&dir) {
            eprintln!("cannot create data directory {dir}: {e}");
            std::process::exit(1);
        }
        std::env::set_var("DATABASE_URL", format!("sqlite://{dir}/chatshare.db?mode=rwc"));
    }
    cli::run_cli(migrations::Migrator).await;
}
