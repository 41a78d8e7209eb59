//! A member's folder of chats (migration 19), Open WebUI's `folder` row.
use sea_orm::entity::prelude::*;

/// A row of `folder`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "folder")]
pub struct Model {
    /// The folder's id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Its owner.
    pub user_id: Uuid,
    /// The folder it sits in (`None`: top level).
    pub parent_id: Option<Uuid>,
    /// Its name, unique among its siblings.
    pub name: String,
    /// Its settings as JSON (`{"system_prompt": …}`).
    pub data: Option<String>,
    /// Open WebUI's free-form `meta` JSON, kept as given.
    pub meta: Option<String>,
    /// Whether the owner's sidebar shows it open.
    pub is_expanded: bool,
    /// Epoch seconds.
    pub created_at: i64,
    /// Epoch seconds.
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The system prompt in its settings (`data.system_prompt`), if it has one: what the chats
    /// started in it begin with.
    pub fn system_prompt(&self) -> Option<String> {
        let v: serde_json::Value = serde_json::from_str(self.data.as_deref()?).ok()?;
        let p = v.get("system_prompt")?.as_str()?.trim();
        (!p.is_empty()).then(|| p.to_owned())
    }
}
