//! Point reads on the request's own thread (SQLite): the reads on every request's path (the
//! session by its token's hash, the link with its owner and grants, the stored rendering) go
//! through a read-only SQLite connection that each runtime thread opens once per database file,
//! with cached statements, and are answered without leaving the thread. Through sqlx, every
//! query went to its SQLite worker thread and back over channels: on 2 cores, 30 % of a share
//! read was spent switching threads, SQLite itself under 2 %.
//!
//! Nothing is cached but the connection and its prepared statements: each statement is its own
//! read transaction in WAL mode, so it sees every write committed by any connection or process
//! up to that moment (a sign-out, a revoked key, a deleted link, a changed grant). Only reads
//! outside a transaction come here; writes, and reads inside a write, stay with sea-orm. On
//! PostgreSQL (reads are network round trips anyway) and for an in-memory database, every
//! function here answers through sea-orm instead.
//!
//! Rows are typed by the entities' own column definitions (a [`Shape`]) and handed to
//! sea-orm's `FromQueryResult` as proxy rows, so a model read here is the model sea-orm reads.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use rusqlite::types::ValueRef;
use sea_orm::sea_query::{ColumnType, Value};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, FromQueryResult, Iterable, ProxyRow,
    QueryResult, QuerySelect, QueryTrait, Select, Statement,
};

/// Database files one thread keeps a connection to at most (a server has one; tests run many
/// servers in one process, each on its own file).
const MAX_FILES_PER_THREAD: usize = 8;

/// Statements each connection keeps prepared.
const STATEMENT_CACHE: usize = 64;

thread_local! {
    static CONNECTIONS: RefCell<Vec<(PathBuf, rusqlite::Connection)>> = const { RefCell::new(Vec::new()) };
}

/// The SQLite file behind `db`, when its reads can be answered here (`None`: PostgreSQL, or an
/// in-memory database, which another connection could not see).
fn sqlite_file(db: &DatabaseConnection) -> Option<PathBuf> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return None;
    }
    let options = db.get_sqlite_connection_pool().connect_options();
    let file = options.get_filename();
    let name = file.to_string_lossy();
    if name.is_empty() || name.starts_with(':') || name.contains("mode=memory") {
        return None;
    }
    Some(file.to_path_buf())
}

fn open(file: &Path) -> rusqlite::Result<rusqlite::Connection> {
    use rusqlite::OpenFlags;
    let conn = rusqlite::Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // A small page cache per thread (RSS): the rows read here are few and hot.
    conn.pragma_update(None, "cache_size", -512)?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(conn)
}

/// Runs `read` on this thread's connection to `file` (opened on first use).
fn with_connection<T>(
    file: &Path,
    read: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<T>,
) -> Result<T, DbErr> {
    CONNECTIONS.with(|cell| {
        let mut conns = cell.borrow_mut();
        let at = match conns.iter().position(|(f, _)| f == file) {
            Some(i) => i,
            None => {
                let conn = open(file).map_err(db_err)?;
                if conns.len() >= MAX_FILES_PER_THREAD {
                    conns.remove(0);
                }
                conns.push((file.to_path_buf(), conn));
                conns.len() - 1
            }
        };
        read(&conns[at].1).map_err(db_err)
    })
}

fn db_err(e: rusqlite::Error) -> DbErr {
    DbErr::Custom(format!("thread-local SQLite read: {e}"))
}

/// What each result column of a statement is: its name and the column type of the entity it
/// comes from (SQLite's stored values do not say that an integer is a boolean or a blob a UUID).
#[derive(Debug, Clone, Default)]
pub struct Shape(Vec<(String, ColumnType)>);

impl Shape {
    /// Entity `E`'s columns, named `{prefix}{column}` as sea-orm's selects name them.
    pub fn of<E: EntityTrait>(prefix: &str) -> Self {
        Shape::default().and::<E>(prefix)
    }

    /// This shape followed by entity `E`'s columns named `{prefix}{column}`.
    pub fn and<E: EntityTrait>(mut self, prefix: &str) -> Self {
        use sea_orm::{ColumnTrait, IdenStatic};
        for c in E::Column::iter() {
            let ty = c.def().get_column_type().clone();
            self.0.push((format!("{prefix}{}", c.as_str()), ty));
        }
        self
    }
}

/// `stmt`'s rows as sea-orm query results shaped by `shape` (matched by column name; columns
/// the shape does not name are read by their stored type). Through this thread's connection
/// when `db` is an SQLite file, else through sea-orm.
pub async fn query_all(
    db: &DatabaseConnection,
    stmt: Statement,
    shape: &Shape,
) -> Result<Vec<QueryResult>, DbErr> {
    match sqlite_file(db) {
        Some(file) => with_connection(&file, |conn| read_rows(conn, &stmt, shape, usize::MAX)),
        None => db.query_all(stmt).await,
    }
}

/// [`query_all`]'s first row.
pub async fn query_one(
    db: &DatabaseConnection,
    stmt: Statement,
    shape: &Shape,
) -> Result<Option<QueryResult>, DbErr> {
    match sqlite_file(db) {
        Some(file) => with_connection(&file, |conn| read_rows(conn, &stmt, shape, 1)).map(|mut r| r.pop()),
        None => db.query_one(stmt).await,
    }
}

/// `select`'s first model, read on this thread when it can be.
pub async fn one<E: EntityTrait>(
    db: &DatabaseConnection,
    select: Select<E>,
) -> Result<Option<E::Model>, DbErr> {
    let stmt = select.limit(1).build(db.get_database_backend());
    match query_one(db, stmt, &Shape::of::<E>("")).await? {
        Some(r) => Ok(Some(E::Model::from_query_result(&r, "")?)),
        None => Ok(None),
    }
}

/// `select`'s models, read on this thread when they can be.
pub async fn all<E: EntityTrait>(db: &DatabaseConnection, select: Select<E>) -> Result<Vec<E::Model>, DbErr> {
    let stmt = select.build(db.get_database_backend());
    query_all(db, stmt, &Shape::of::<E>(""))
        .await?
        .iter()
        .map(|r| E::Model::from_query_result(r, ""))
        .collect()
}

fn read_rows(
    conn: &rusqlite::Connection,
    stmt: &Statement,
    shape: &Shape,
    limit: usize,
) -> rusqlite::Result<Vec<QueryResult>> {
    let mut prepared = conn.prepare_cached(&stmt.sql)?;
    if let Some(values) = &stmt.values {
        for (i, v) in values.0.iter().enumerate() {
            bind(&mut prepared, i + 1, v)?;
        }
    }
    let names: Vec<String> = prepared.column_names().into_iter().map(str::to_owned).collect();
    let types: Vec<Option<ColumnType>> = names
        .iter()
        .map(|n| shape.0.iter().find(|(s, _)| s == n).map(|(_, t)| t.clone()))
        .collect();
    let mut rows = prepared.raw_query();
    let mut out = Vec::new();
    while out.len() < limit {
        let Some(row) = rows.next()? else { break };
        let mut values = std::collections::BTreeMap::new();
        for (i, name) in names.iter().enumerate() {
            values.insert(name.clone(), typed(row.get_ref(i)?, types[i].as_ref(), i)?);
        }
        out.push(QueryResult::from(ProxyRow::new(values)));
    }
    Ok(out)
}

/// Binds `v` as sqlx binds it for SQLite (UUIDs as 16-byte blobs, booleans as integers).
fn bind(stmt: &mut rusqlite::CachedStatement<'_>, at: usize, v: &Value) -> rusqlite::Result<()> {
    match v {
        Value::Bool(b) => stmt.raw_bind_parameter(at, b.map(i64::from)),
        Value::TinyInt(n) => stmt.raw_bind_parameter(at, n.map(i64::from)),
        Value::SmallInt(n) => stmt.raw_bind_parameter(at, n.map(i64::from)),
        Value::Int(n) => stmt.raw_bind_parameter(at, n.map(i64::from)),
        Value::BigInt(n) => stmt.raw_bind_parameter(at, *n),
        Value::TinyUnsigned(n) => stmt.raw_bind_parameter(at, n.map(i64::from)),
        Value::SmallUnsigned(n) => stmt.raw_bind_parameter(at, n.map(i64::from)),
        Value::Unsigned(n) => stmt.raw_bind_parameter(at, n.map(i64::from)),
        Value::BigUnsigned(n) => stmt.raw_bind_parameter(at, n.and_then(|n| i64::try_from(n).ok())),
        Value::Float(f) => stmt.raw_bind_parameter(at, f.map(f64::from)),
        Value::Double(f) => stmt.raw_bind_parameter(at, *f),
        Value::String(s) => stmt.raw_bind_parameter(at, s.as_deref().map(String::as_str)),
        Value::Char(c) => stmt.raw_bind_parameter(at, c.map(|c| c.to_string())),
        Value::Bytes(b) => stmt.raw_bind_parameter(at, b.as_deref().map(Vec::as_slice)),
        Value::Json(j) => stmt.raw_bind_parameter(at, j.as_ref().map(|j| j.to_string())),
        Value::Uuid(u) => stmt.raw_bind_parameter(at, u.as_ref().map(|u| u.as_bytes().as_slice())),
        _ => {
            tracing::error!(value = ?v, "a value the thread-local reads cannot bind");
            Err(rusqlite::Error::InvalidParameterCount(at, 0))
        }
    }
}

/// The stored value `v` as the sea-query value of column type `ty`.
fn typed(v: ValueRef<'_>, ty: Option<&ColumnType>, at: usize) -> rusqlite::Result<Value> {
    let wrong = |name: &str| rusqlite::Error::InvalidColumnType(at, name.to_owned(), v.data_type());
    let text = |v: ValueRef<'_>| -> rusqlite::Result<String> {
        match v {
            // SQLite's text is UTF-8; checking it is a fraction of what replacing would cost.
            ValueRef::Text(t) => Ok(match std::str::from_utf8(t) {
                Ok(s) => s.to_owned(),
                Err(_) => String::from_utf8_lossy(t).into_owned(),
            }),
            ValueRef::Integer(n) => Ok(n.to_string()),
            ValueRef::Real(f) => Ok(f.to_string()),
            _ => Err(wrong("text")),
        }
    };
    let int = |v: ValueRef<'_>| v.as_i64().map_err(|_| wrong("integer"));
    let null = matches!(v, ValueRef::Null);
    Ok(match ty {
        Some(ColumnType::Uuid) => Value::Uuid(match v {
            ValueRef::Null => None,
            ValueRef::Blob(b) => Some(Box::new(uuid::Uuid::from_slice(b).map_err(|_| wrong("uuid"))?)),
            ValueRef::Text(t) => Some(Box::new(
                uuid::Uuid::try_parse_ascii(t).map_err(|_| wrong("uuid"))?,
            )),
            _ => return Err(wrong("uuid")),
        }),
        Some(ColumnType::Boolean) => Value::Bool(if null { None } else { Some(int(v)? != 0) }),
        Some(ColumnType::Integer) => Value::Int(if null {
            None
        } else {
            Some(i32::try_from(int(v)?).map_err(|_| wrong("i32"))?)
        }),
        Some(ColumnType::SmallInteger) => Value::SmallInt(if null {
            None
        } else {
            Some(i16::try_from(int(v)?).map_err(|_| wrong("i16"))?)
        }),
        Some(ColumnType::BigInteger) => Value::BigInt(if null { None } else { Some(int(v)?) }),
        Some(ColumnType::Double | ColumnType::Float | ColumnType::Decimal(_)) => Value::Double(if null {
            None
        } else {
            Some(v.as_f64().map_err(|_| wrong("real"))?)
        }),
        Some(ColumnType::Json | ColumnType::JsonBinary) => Value::Json(if null {
            None
        } else {
            Some(Box::new(
                serde_json::from_str(&text(v)?).map_err(|_| wrong("json"))?,
            ))
        }),
        Some(ColumnType::Binary(_) | ColumnType::VarBinary(_) | ColumnType::Blob) => Value::Bytes(match v {
            ValueRef::Null => None,
            ValueRef::Blob(b) => Some(Box::new(b.to_vec())),
            _ => return Err(wrong("bytes")),
        }),
        Some(_) => Value::String(if null { None } else { Some(Box::new(text(v)?)) }),
        None => match v {
            ValueRef::Null => Value::String(None),
            ValueRef::Integer(n) => Value::BigInt(Some(n)),
            ValueRef::Real(f) => Value::Double(Some(f)),
            ValueRef::Text(_) => Value::String(Some(Box::new(text(v)?))),
            ValueRef::Blob(b) => Value::Bytes(Some(Box::new(b.to_vec()))),
        },
    })
}

/// `select`'s first pair (a model and its related one, as `find_also_related` reads them),
/// read on this thread when it can be.
pub async fn one_also<E: EntityTrait, F: EntityTrait>(
    db: &DatabaseConnection,
    select: sea_orm::SelectTwo<E, F>,
) -> Result<Option<(E::Model, Option<F::Model>)>, DbErr> {
    let stmt = select.limit(1).build(db.get_database_backend());
    match query_one(db, stmt, &Shape::of::<E>("A_").and::<F>("B_")).await? {
        Some(r) => Ok(Some((
            E::Model::from_query_result(&r, "A_")?,
            F::Model::from_query_result_optional(&r, "B_")?,
        ))),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{session, user};
    use migrations::MigratorTrait;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, Database};

    /// A migrated SQLite file of its own.
    async fn database() -> (DatabaseConnection, PathBuf) {
        let file = std::env::temp_dir().join(format!("chatshare-local-{}.db", uuid::Uuid::new_v4()));
        let db = Database::connect(format!("sqlite://{}?mode=rwc", file.display()))
            .await
            .unwrap();
        migrations::Migrator::up(&db, None).await.unwrap();
        (db, file)
    }

    fn person(email: &str) -> user::ActiveModel {
        user::ActiveModel {
            id: Set(uuid::Uuid::new_v4()),
            email: Set(email.to_owned()),
            name: Set("Ada".to_owned()),
            password_hash: Set("x".to_owned()),
            role: Set(crate::role::Role::Admin),
            profile_image_url: Set(String::new()),
            can_share: Set(Some(false)),
            created_at: Set(1),
            last_active_at: Set(2),
        }
    }

    #[tokio::test]
    async fn a_thread_local_read_is_sea_orms_read_and_sees_each_commit_at_once() {
        let (db, file) = database().await;
        assert_eq!(
            sqlite_file(&db).as_deref(),
            Some(file.as_path()),
            "reads go through this thread"
        );
        let ada = person("ada@example.com").insert(&db).await.unwrap();
        let by_pool = user::Entity::find_by_id(ada.id).one(&db).await.unwrap();
        let here = one(&db, user::Entity::find_by_id(ada.id)).await.unwrap();
        assert_eq!(
            here, by_pool,
            "UUIDs, the role, an optional boolean and integers read alike"
        );
        assert_eq!(here.as_ref().map(|u| u.can_share), Some(Some(false)));
        // A session and its account in one statement, then gone (a sign-out elsewhere).
        let s = session::ActiveModel {
            token_hash: Set("h".to_owned()),
            user_id: Set(ada.id),
            created_at: Set(1),
            expires_at: Set(i64::MAX),
        }
        .insert(&db)
        .await
        .unwrap();
        let joined = session::Entity::find_by_id("h").find_also_related(user::Entity);
        assert_eq!(
            one_also(&db, joined.clone()).await.unwrap(),
            Some((s, Some(ada.clone())))
        );
        session::Entity::delete_by_id("h").exec(&db).await.unwrap();
        assert_eq!(
            one_also(&db, joined).await.unwrap(),
            None,
            "the delete is seen at once"
        );
        // A change committed by another connection (as another process's) is seen at once.
        let other = Database::connect(format!("sqlite://{}", file.display()))
            .await
            .unwrap();
        let mut renamed: user::ActiveModel = ada.clone().into();
        renamed.name = Set("Ada L.".to_owned());
        renamed.update(&other).await.unwrap();
        let here = one(&db, user::Entity::find_by_id(ada.id)).await.unwrap();
        assert_eq!(here.map(|u| u.name).as_deref(), Some("Ada L."));
        let none = one(&db, user::Entity::find_by_id(uuid::Uuid::new_v4()))
            .await
            .unwrap();
        assert_eq!(none, None);
        drop((db, other));
        let _ = std::fs::remove_file(&file);
    }
}
