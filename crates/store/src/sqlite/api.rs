//! [`ApiStore`] for SQLite.

use rusqlite::{params, OptionalExtension, ToSql};

use super::SqliteStore;
use crate::api::{
    after_clause, check_token_fields, ApiStore, ApiToken, Cursor, FacetCell, GroupBy,
    RegistryActor, RegistryPlace, TokenRole,
};
use crate::error::Context;
use crate::{filter, now, Filter, Page, Result, StoredEvent};

fn token_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ApiToken> {
    let role: String = r.get(1)?;
    Ok(ApiToken {
        id: r.get(0)?,
        role: TokenRole::parse(&role).unwrap_or(TokenRole::Reader),
        name: r.get(2)?,
        created_at: r.get(3)?,
        revoked_at: r.get(4)?,
    })
}

impl ApiStore for SqliteStore {
    fn add_token(&mut self, token: &ApiToken, sha256: &str) -> Result<()> {
        check_token_fields(token, sha256)?;
        self.conn
            .execute(
                "INSERT INTO api_tokens (id, sha256, role, name, created_at, revoked_at) \
                 VALUES (?, ?, ?, ?, ?, ?)",
                params![
                    token.id,
                    sha256.to_ascii_lowercase(),
                    token.role.as_str(),
                    token.name,
                    token.created_at,
                    token.revoked_at
                ],
            )
            .ctx("storing a token")?;
        Ok(())
    }

    fn token_by_sha256(&self, sha256: &str) -> Result<Option<ApiToken>> {
        self.conn
            .prepare_cached(
                "SELECT id, role, name, created_at, revoked_at FROM api_tokens WHERE sha256 = ?",
            )
            .and_then(|mut s| {
                s.query_row([sha256.to_ascii_lowercase()], token_row)
                    .optional()
            })
            .ctx("looking up a token")
    }

    fn tokens(&self) -> Result<Vec<ApiToken>> {
        let mut st = self
            .conn
            .prepare(
                "SELECT id, role, name, created_at, revoked_at FROM api_tokens \
                 ORDER BY created_at, id",
            )
            .ctx("listing tokens")?;
        let rows = st.query_map([], token_row).ctx("listing tokens")?;
        rows.collect::<rusqlite::Result<_>>().ctx("listing tokens")
    }

    fn revoke_token(&mut self, id: &str) -> Result<bool> {
        let n = self
            .conn
            .execute(
                "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?",
                params![now(), id],
            )
            .ctx("revoking a token")?;
        Ok(n > 0)
    }

    fn query_after(
        &self,
        filter: &Filter,
        after: Option<&Cursor>,
        limit: u64,
    ) -> Result<Vec<StoredEvent>> {
        let mut w = filter::build_on(filter, super::LAYOUT)?;
        let (sql, params) = after_clause(after);
        w.sql.push_str(&sql);
        w.params.extend(params);
        let mut out = Vec::new();
        self.select_events(
            &w,
            "e.date DESC, e.ek DESC",
            &Page { limit, offset: 0 },
            &mut |e| {
                out.push(e);
                Ok(())
            },
        )?;
        Ok(out)
    }

    fn count_groups(&self, filter: &Filter, by: GroupBy) -> Result<Vec<(String, u64)>> {
        let w = filter::build_on(filter, super::LAYOUT)?;
        let col = by.column();
        let sql = format!(
            "SELECT {col}, count(*) FROM events e WHERE {} AND {col} IS NOT NULL \
             GROUP BY {col} ORDER BY {col}",
            w.sql
        );
        let mut st = self.conn.prepare_cached(&sql).ctx("preparing counts")?;
        let params: Vec<&dyn ToSql> = w.params.iter().map(|p| p as &dyn ToSql).collect();
        let rows = st
            .query_map(params.as_slice(), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
            })
            .ctx("counting by group")?;
        rows.collect::<rusqlite::Result<_>>()
            .ctx("counting by group")
    }

    fn facet_cells(&self) -> Result<Vec<FacetCell>> {
        let mut st = self
            .conn
            .prepare(
                "SELECT e.date, e.plover, e.status, e.place, e.main, count(*) FROM events e \
                 WHERE e.current = 1 GROUP BY e.date, e.plover, e.status, e.place, e.main",
            )
            .ctx("counting facets")?;
        let rows = st
            .query_map([], |r| {
                Ok(FacetCell {
                    day: r.get(0)?,
                    plover: r.get(1)?,
                    status: r.get(2)?,
                    place: r.get(3)?,
                    main: r.get(4)?,
                    events: r.get::<_, i64>(5)? as u64,
                })
            })
            .ctx("counting facets")?;
        rows.collect::<rusqlite::Result<_>>().ctx("counting facets")
    }

    fn actor_registry(&self) -> Result<Vec<RegistryActor>> {
        let mut st = self
            .conn
            .prepare("SELECT id, code, name FROM actors ORDER BY name, code")
            .ctx("reading actors")?;
        let rows = st
            .query_map([], |r| {
                Ok(RegistryActor {
                    id: r.get(0)?,
                    code: r.get(1)?,
                    name: r.get(2)?,
                })
            })
            .ctx("reading actors")?;
        rows.collect::<rusqlite::Result<_>>().ctx("reading actors")
    }

    fn place_registry(&self) -> Result<Vec<RegistryPlace>> {
        let mut st = self
            .conn
            .prepare(
                "SELECT id, name, country, admin1, admin2, lat, lon FROM places \
                 ORDER BY name, key",
            )
            .ctx("reading places")?;
        let rows = st
            .query_map([], |r| {
                Ok(RegistryPlace {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    country: r.get(2)?,
                    admin1: r.get(3)?,
                    admin2: r.get(4)?,
                    lat: r.get(5)?,
                    lon: r.get(6)?,
                })
            })
            .ctx("reading places")?;
        rows.collect::<rusqlite::Result<_>>().ctx("reading places")
    }

    fn change_marker(&self) -> Result<String> {
        self.conn
            .query_row(
                "SELECT (SELECT coalesce(max(rk), 0) FROM reports), \
                 (SELECT coalesce(max(seq), 0) FROM audit_log)",
                [],
                |r| Ok(format!("{}:{}", r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
            )
            .ctx("reading the change marker")
    }
}
