//! [`ApiStore`] for PostgreSQL.

use postgres::Row;

use super::{boxed, finish_rows, refs, PgStore, ORDER};
use crate::api::{
    after_clause, check_token_fields, ApiStore, ApiToken, Cursor, FacetCell, GroupBy,
    RegistryActor, RegistryPlace, TokenRole,
};
use crate::error::Context;
use crate::filter::{self, numbered};
use crate::{now, Filter, Result, StoredEvent};

fn token_row(r: &Row) -> Result<ApiToken> {
    let g = || -> std::result::Result<ApiToken, postgres::Error> {
        let role: String = r.try_get(1)?;
        Ok(ApiToken {
            id: r.try_get(0)?,
            role: TokenRole::parse(&role).unwrap_or(TokenRole::Reader),
            name: r.try_get(2)?,
            created_at: r.try_get(3)?,
            revoked_at: r.try_get(4)?,
        })
    };
    g().ctx("reading a token")
}

impl ApiStore for PgStore {
    fn add_token(&mut self, token: &ApiToken, sha256: &str) -> Result<()> {
        check_token_fields(token, sha256)?;
        self.client
            .borrow_mut()
            .execute(
                "INSERT INTO api_tokens (id, sha256, role, name, created_at, revoked_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[
                    &token.id,
                    &sha256.to_ascii_lowercase(),
                    &token.role.as_str(),
                    &token.name,
                    &token.created_at,
                    &token.revoked_at,
                ],
            )
            .ctx("storing a token")?;
        Ok(())
    }

    fn token_by_sha256(&self, sha256: &str) -> Result<Option<ApiToken>> {
        let rows = self
            .client
            .borrow_mut()
            .query(
                "SELECT id, role, name, created_at, revoked_at FROM api_tokens WHERE sha256 = $1",
                &[&sha256.to_ascii_lowercase()],
            )
            .ctx("looking up a token")?;
        rows.first().map(token_row).transpose()
    }

    fn tokens(&self) -> Result<Vec<ApiToken>> {
        let rows = self
            .client
            .borrow_mut()
            .query(
                "SELECT id, role, name, created_at, revoked_at FROM api_tokens \
                 ORDER BY created_at, id",
                &[],
            )
            .ctx("listing tokens")?;
        rows.iter().map(token_row).collect()
    }

    fn revoke_token(&mut self, id: &str) -> Result<bool> {
        let n = self
            .client
            .borrow_mut()
            .execute(
                "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $1) WHERE id = $2",
                &[&now(), &id],
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
        let mut w = filter::build(filter)?;
        let (sql, params) = after_clause(after);
        w.sql.push_str(&sql);
        w.params.extend(params);
        let sql = numbered(&format!(
            "SELECT {cols} FROM events e JOIN reports r ON r.rk = e.rk \
             WHERE e.ek IN (SELECT e.ek FROM events e WHERE {} ORDER BY {ORDER} LIMIT ?) \
             ORDER BY {ORDER}",
            w.sql,
            cols = crate::rows::RAW_EVENT_COLUMNS
        ));
        let mut ps = boxed(&w.params);
        ps.push(Box::new(limit.min(i64::MAX as u64) as i64));
        let mut c = self.client.borrow_mut();
        let rows = c.query(&sql, &refs(&ps)).ctx("running a query")?;
        finish_rows(&mut *c, &rows)
    }

    fn count_groups(&self, filter: &Filter, by: GroupBy) -> Result<Vec<(String, u64)>> {
        let w = filter::build(filter)?;
        let col = by.column();
        let sql = numbered(&format!(
            "SELECT {col}, count(*) FROM events e WHERE {} AND {col} IS NOT NULL \
             GROUP BY {col} ORDER BY {col}",
            w.sql
        ));
        let ps = boxed(&w.params);
        let rows = self
            .client
            .borrow_mut()
            .query(&sql, &refs(&ps))
            .ctx("counting by group")?;
        Ok(rows
            .iter()
            .map(|r| (r.get::<_, String>(0), r.get::<_, i64>(1) as u64))
            .collect())
    }

    fn facet_cells(&self) -> Result<Vec<FacetCell>> {
        let rows = self
            .client
            .borrow_mut()
            .query(
                "SELECT e.date, e.plover, e.status, e.place, e.main, count(*) FROM events e \
                 WHERE e.current = 1 GROUP BY e.date, e.plover, e.status, e.place, e.main",
                &[],
            )
            .ctx("counting facets")?;
        Ok(rows
            .iter()
            .map(|r| FacetCell {
                day: r.get(0),
                plover: r.get(1),
                status: r.get(2),
                place: r.get(3),
                main: r.get::<_, i64>(4) != 0,
                events: r.get::<_, i64>(5) as u64,
            })
            .collect())
    }

    fn actor_registry(&self) -> Result<Vec<RegistryActor>> {
        let rows = self
            .client
            .borrow_mut()
            .query("SELECT id, code, name FROM actors ORDER BY name, code", &[])
            .ctx("reading actors")?;
        Ok(rows
            .iter()
            .map(|r| RegistryActor {
                id: r.get(0),
                code: r.get(1),
                name: r.get(2),
            })
            .collect())
    }

    fn place_registry(&self) -> Result<Vec<RegistryPlace>> {
        let rows = self
            .client
            .borrow_mut()
            .query(
                "SELECT id, name, country, admin1, admin2, lat, lon FROM places \
                 ORDER BY name, key",
                &[],
            )
            .ctx("reading places")?;
        Ok(rows
            .iter()
            .map(|r| RegistryPlace {
                id: r.get(0),
                name: r.get(1),
                country: r.get(2),
                admin1: r.get(3),
                admin2: r.get(4),
                lat: r.get(5),
                lon: r.get(6),
            })
            .collect())
    }

    fn change_marker(&self) -> Result<String> {
        let row = self
            .client
            .borrow_mut()
            .query_one(
                "SELECT (SELECT coalesce(max(rk), 0) FROM reports)::bigint, \
                 (SELECT coalesce(max(seq), 0) FROM audit_log)::bigint",
                &[],
            )
            .ctx("reading the change marker")?;
        Ok(format!("{}:{}", row.get::<_, i64>(0), row.get::<_, i64>(1)))
    }
}
