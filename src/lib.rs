//! The chatshare server: configuration, database start-up and the axum router that serves the
//! Leptos app, its server functions, the JSON API and the static site files.

pub mod api;
pub mod assets;
pub mod config;
pub mod db;
pub mod listener;
pub mod server;
pub mod state;
