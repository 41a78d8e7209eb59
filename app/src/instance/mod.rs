//! Instance-wide settings an administrator controls. Stored in the database, so every server
//! process sharing it sees one value, and read fresh on each use (no restart needed).

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod service;

/// Every instance setting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstanceSettings {
    /// Whether new accounts may sign up (the first account always can).
    pub enable_signup: bool,
    /// Role of a new account after the first: `pending` or `user`.
    pub default_user_role: String,
    /// Whether users may create API keys.
    pub enable_api_keys: bool,
    /// Default of the `chat.share` permission for users without an override.
    pub default_can_share: bool,
    /// Whether the "Share to Open WebUI Community" button is offered.
    pub enable_community_sharing: bool,
    /// Where community sharing uploads go.
    pub community_sharing_url: String,
    /// Whether shared pages offer "Read aloud".
    pub tts_enabled: bool,
    /// Preferred speech voice name (empty: the browser's default).
    pub tts_voice: String,
    /// Speech rate, 0.5 to 2.
    pub tts_rate: f64,
    /// Whether a link may be open to every approved member (`user:*`, what a new link starts
    /// with; Open WebUI's `sharing.public_chats`).
    pub allow_member_links: bool,
    /// Whether a link may be open to anyone who has it, signed in or not (`anyone:*`; Open
    /// WebUI's `sharing.open_chats`).
    pub allow_open_links: bool,
    /// How many days a new link lives when its owner picks no expiry (0: forever, or the
    /// longest lifetime when there is one).
    #[serde(default)]
    pub share_link_default_days: u32,
    /// The longest a link may live, in days (0: no limit).
    #[serde(default)]
    pub share_link_max_days: u32,
    /// How many days the audit log keeps its rows (0: forever).
    #[serde(default = "default_audit_days")]
    pub audit_retention_days: u32,
    /// Whether this instance is a community hub: `/community`, its upload page and its API.
    #[serde(default = "yes")]
    pub community_hub_enabled: bool,
    /// Origins of the other instances whose "Share to Community" may upload here
    /// (`https://chat.example.com`); this instance's own origin always may.
    #[serde(default)]
    pub community_allowed_origins: Vec<String>,
    /// Whether search engines may index the community's pages (otherwise `noindex`).
    #[serde(default)]
    pub community_indexable: bool,
    /// How many megabytes of community chats one member may publish in all (0: no limit).
    #[serde(default = "default_community_quota_mb")]
    pub community_quota_mb: u32,
    /// This instance's name, as link previews, embeds and oEmbed answers show it.
    #[serde(default = "default_instance_name")]
    pub instance_name: String,
    /// Which sites may show shared chats in a frame (`/s/{id}/embed`): `*` for any, their
    /// origins (`https://blog.example.com`), or none (no embeds). Every other page refuses
    /// to be framed.
    #[serde(default = "any_site")]
    pub share_embed_origins: Vec<String>,
    /// Whether members may keep their chats in folders (Open WebUI's `features.folders`;
    /// administrators always may).
    #[serde(default = "yes")]
    pub folders_enabled: bool,
    /// Whether members may share a folder with people, groups or every member (Open WebUI's
    /// `sharing.folders`, off as there; administrators always may).
    #[serde(default)]
    pub allow_folder_sharing: bool,
    /// The language of the interface for people whose account and browser name none it
    /// speaks (a code of [`crate::i18n::Lang`]: `en`, `de`, `pt-BR`, …).
    #[serde(default = "english")]
    pub default_language: String,
}

fn english() -> String {
    crate::i18n::Lang::En.code().to_owned()
}

fn default_instance_name() -> String {
    "chatshare".to_owned()
}

fn any_site() -> Vec<String> {
    vec![ANY_SITE.to_owned()]
}

/// [`InstanceSettings::share_embed_origins`]' entry for "any site".
pub const ANY_SITE: &str = "*";

/// Longest instance name.
pub const MAX_INSTANCE_NAME: usize = 60;

fn default_community_quota_mb() -> u32 {
    50
}

fn yes() -> bool {
    true
}

/// Most origins the community's allow-list holds.
pub const MAX_ALLOWED_ORIGINS: usize = 50;

/// `raw` as an origin (`scheme://host[:port]`, lower case, no path), or `None`.
pub fn origin_of(raw: &str) -> Option<String> {
    let raw = raw.trim().trim_end_matches('/');
    let (scheme, rest) = raw.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if !matches!(scheme.as_str(), "http" | "https") || rest.is_empty() || rest.len() > 253 {
        return None;
    }
    let host_ok = rest
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    host_ok.then(|| format!("{scheme}://{}", rest.to_ascii_lowercase()))
}

fn default_audit_days() -> u32 {
    90
}

/// Most days any of the day settings may say (ten years).
pub const MAX_DAYS: u32 = 3650;

#[cfg(feature = "ssr")]
pub use crate::state::SettingsDefaults;

impl InstanceSettings {
    /// The settings of a new instance.
    #[cfg(feature = "ssr")]
    pub fn from_defaults(d: &SettingsDefaults) -> Self {
        InstanceSettings {
            enable_signup: d.enable_signup,
            default_user_role: d.default_user_role.clone(),
            enable_api_keys: d.enable_api_keys,
            default_can_share: true,
            enable_community_sharing: true,
            community_sharing_url: "https://openwebui.com/chats/upload".to_owned(),
            tts_enabled: false,
            tts_voice: String::new(),
            tts_rate: 1.0,
            allow_member_links: true,
            allow_open_links: false,
            share_link_default_days: 0,
            share_link_max_days: 0,
            audit_retention_days: default_audit_days(),
            community_hub_enabled: true,
            community_allowed_origins: Vec::new(),
            community_indexable: false,
            community_quota_mb: default_community_quota_mb(),
            instance_name: default_instance_name(),
            share_embed_origins: any_site(),
            folders_enabled: true,
            allow_folder_sharing: false,
            default_language: english(),
        }
    }

    /// The `frame-ancestors` source list of the embed view (`None`: embeds are off).
    pub fn frame_ancestors(&self) -> Option<String> {
        (!self.share_embed_origins.is_empty()).then(|| self.share_embed_origins.join(" "))
    }

    /// Checks every value; the message names what is wrong.
    pub fn validate(&self) -> Result<(), String> {
        if !matches!(self.default_user_role.as_str(), "pending" | "user") {
            return Err("The default user role must be \"pending\" or \"user\".".to_owned());
        }
        let url = self.community_sharing_url.trim();
        if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() < 10 {
            return Err("The community sharing URL must be an http(s) URL.".to_owned());
        }
        if !(0.5..=2.0).contains(&self.tts_rate) {
            return Err("The speech rate must be between 0.5 and 2.".to_owned());
        }
        if self.tts_voice.len() > 200 {
            return Err("The voice name is too long.".to_owned());
        }
        for (days, what) in [
            (self.share_link_default_days, "A link's default lifetime"),
            (self.share_link_max_days, "A link's longest lifetime"),
            (self.audit_retention_days, "The audit log's retention"),
        ] {
            if days > MAX_DAYS {
                return Err(format!("{what} is at most {MAX_DAYS} days."));
            }
        }
        if self.community_quota_mb > 100_000 {
            return Err("A member's community quota is at most 100,000 MB.".to_owned());
        }
        if self.community_allowed_origins.len() > MAX_ALLOWED_ORIGINS {
            return Err(format!(
                "At most {MAX_ALLOWED_ORIGINS} instances may be allowed to upload."
            ));
        }
        for o in &self.community_allowed_origins {
            if origin_of(o).as_deref() != Some(o.as_str()) {
                return Err(format!(
                    "\"{o}\" is not an instance's address: write it as https://host or https://host:port, without a path."
                ));
            }
        }
        if crate::i18n::Lang::parse(&self.default_language).map(|l| l.code())
            != Some(self.default_language.as_str())
        {
            return Err(
                "The default language must be one of en, de, fr, es, pt-BR, zh-CN, ja, ar.".to_owned(),
            );
        }
        let name = self.instance_name.trim();
        if name.is_empty() || name.chars().count() > MAX_INSTANCE_NAME || name.chars().any(char::is_control) {
            return Err(format!(
                "The instance name is 1 to {MAX_INSTANCE_NAME} characters, on one line."
            ));
        }
        if self.share_embed_origins.len() > MAX_ALLOWED_ORIGINS {
            return Err(format!(
                "At most {MAX_ALLOWED_ORIGINS} sites may embed shared chats."
            ));
        }
        for o in &self.share_embed_origins {
            let any = o == ANY_SITE && self.share_embed_origins.len() == 1;
            if !any && origin_of(o).as_deref() != Some(o.as_str()) {
                return Err(format!(
                    "\"{o}\" is not a site's address: write * alone for any site, or each site as https://host or https://host:port, without a path."
                ));
            }
        }
        if self.share_link_max_days > 0 && self.share_link_default_days > self.share_link_max_days {
            return Err(format!(
                "A link's default lifetime cannot be longer than the longest lifetime ({} days).",
                self.share_link_max_days
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_names_the_bad_value() {
        let ok = InstanceSettings::from_defaults(&SettingsDefaults::default());
        assert!(ok.validate().is_ok());
        let mut s = ok.clone();
        s.default_user_role = "admin".into();
        assert!(s.validate().unwrap_err().contains("default user role"));
        let mut s = ok.clone();
        s.community_sharing_url = "javascript:alert(1)".into();
        assert!(s.validate().unwrap_err().contains("URL"));
        let mut s = ok.clone();
        s.tts_rate = 3.0;
        assert!(s.validate().unwrap_err().contains("rate"));
        let mut s = ok.clone();
        s.community_allowed_origins = vec!["https://a.example/upload".into()];
        assert!(s.validate().unwrap_err().contains("without a path"));
        s.community_allowed_origins = vec!["https://a.example:8443".into()];
        assert!(s.validate().is_ok());
        let mut s = ok.clone();
        s.instance_name = " ".into();
        assert!(s.validate().unwrap_err().contains("instance name"));
        s.instance_name = "Acme\nChat".into();
        assert!(s.validate().unwrap_err().contains("instance name"));
        let mut s = ok.clone();
        assert_eq!(s.frame_ancestors().as_deref(), Some("*"));
        s.share_embed_origins = vec!["*".into(), "https://blog.example".into()];
        assert!(s.validate().unwrap_err().contains("* alone"));
        s.share_embed_origins = vec!["https://blog.example/post".into()];
        assert!(s.validate().unwrap_err().contains("without a path"));
        s.share_embed_origins = vec!["https://blog.example".into(), "https://wiki.example:8443".into()];
        assert!(s.validate().is_ok());
        assert_eq!(
            s.frame_ancestors().as_deref(),
            Some("https://blog.example https://wiki.example:8443")
        );
        s.share_embed_origins.clear();
        assert!(s.validate().is_ok());
        assert_eq!(s.frame_ancestors(), None);
    }

    #[test]
    fn origins_are_written_one_way() {
        assert_eq!(
            origin_of(" HTTPS://Chat.Example.com/ ").as_deref(),
            Some("https://chat.example.com")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:3000").as_deref(),
            Some("http://127.0.0.1:3000")
        );
        assert_eq!(origin_of("https://a.example/path"), None);
        assert_eq!(origin_of("javascript:alert(1)"), None);
        assert_eq!(origin_of("ftp://a.example"), None);
    }
}
