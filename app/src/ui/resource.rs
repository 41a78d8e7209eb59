//! The one way pages create resources: [`page_resource`].
//!
//! A resource's value is written into the page as JSON for hydration. Leptos's default codec
//! reads it back with `serde_json::from_str`, while server functions' answers are read with
//! `serde_json::from_slice`: two JSON readers compiled into the client for every type a page
//! loads. [`PageJson`] reads the page's copy with `from_slice` too, so each type has one.

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::{de::DeserializeOwned, Serialize};

/// JSON for resource data written into the page, read back like a server function's answer.
pub struct PageJson;

impl<T: Serialize> Encoder<T> for PageJson {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, Self::Error> {
        serde_json::to_string(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for PageJson {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, Self::Error> {
        serde_json::from_slice(text.as_bytes())
    }
}

/// A resource whose value is carried into the page with [`PageJson`].
pub type PageResource<T> = Resource<T, PageJson>;

/// [`Resource::new`] with [`PageJson`]: `fetcher` runs when `source` changes (on the server
/// once, its value written into the page; in the browser the written value is read back).
#[track_caller]
pub fn page_resource<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> PageResource<T>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    S: Send + Sync + Clone + PartialEq + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}
