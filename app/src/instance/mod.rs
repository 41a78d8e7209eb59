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
}

fn default_audit_days() -> u32 {
    90
}

/// Most days any of the day settings may say (ten years).
pub const MAX_DAYS: u32 = 3650;

/// Defaults that the server's configuration (environment) can set.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsDefaults {
    /// `ENABLE_SIGNUP`.
    pub enable_signup: bool,
    /// `DEFAULT_USER_ROLE`.
    pub default_user_role: String,
    /// `ENABLE_API_KEYS`.
    pub enable_api_keys: bool,
}

impl Default for SettingsDefaults {
    fn default() -> Self {
        SettingsDefaults {
            enable_signup: true,
            default_user_role: "pending".to_owned(),
            enable_api_keys: true,
        }
    }
}

impl InstanceSettings {
    /// The settings of a new instance.
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
        }
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
    }
}
