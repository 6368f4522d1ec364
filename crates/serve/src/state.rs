//! What every handler shares: the store connections, the caches derived from the store and
//! the limits.
//!
//! Derived data (pre-aggregated counts, the tracking picture, the actor and place registries)
//! carries the store **generation** it was built at. The generation moves when this server
//! writes, or when a background check sees another process change the store; a stale cache
//! is never served: counts then come from the store until the new ones are built, the others
//! are rebuilt on the next request.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant};

use raqib_store::api::{ApiToken, RegistryActor, RegistryPlace};
use tokio::sync::Notify;

use crate::config::ServeConfig;
use crate::error::{ApiError, ApiResult};
use crate::facets::Facets;
use crate::pool::Pool;
use crate::ratelimit::RateLimiter;
use crate::tracked::Tracked;

/// How long a token lookup is remembered (a revoked token stops working within this time).
const TOKEN_TTL: Duration = Duration::from_secs(10);

/// The registries with the lexicon's names of each entry, for search.
#[derive(Debug, Default)]
pub struct Registry {
    /// Actors and every name they are known by.
    pub actors: Vec<(RegistryActor, Vec<String>)>,
    /// Places and every name they are known by.
    pub places: Vec<(RegistryPlace, Vec<String>)>,
}

type Cached<T> = RwLock<Option<(u64, Arc<T>)>>;

/// The server's shared state (cheap to clone).
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

/// The shared state.
pub struct Inner {
    /// The configuration.
    pub config: ServeConfig,
    /// Store connections.
    pub pool: Arc<Pool>,
    /// Per-client rate limits.
    pub(crate) limiter: RateLimiter,
    generation: AtomicU64,
    marker: Mutex<String>,
    changed: Notify,
    facets: Cached<Facets>,
    tracked: tokio::sync::Mutex<Option<(u64, Arc<Tracked>)>>,
    registry: Cached<Registry>,
    tokens: Mutex<HashMap<String, (Option<ApiToken>, Instant)>>,
    coder: OnceLock<Result<Arc<raqib_extract::Coder>, String>>,
    responses: Mutex<HashMap<String, (u64, bytes::Bytes)>>,
    /// Responses being computed, by generation and key (see [`AppState::respond`]).
    inflight: Mutex<HashMap<(u64, String), Flight>>,
}

/// One response being computed; the requests that want it wait on the same cell.
type Flight = Arc<tokio::sync::OnceCell<bytes::Bytes>>;

/// Most responses kept by [`AppState::cached`].
const RESPONSE_CACHE: usize = 2048;
/// Most bytes of responses kept (a full page of 1000 events is about 1.5 MB).
const RESPONSE_CACHE_BYTES: usize = 256 << 20;

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("db", &self.config.db)
            .field("generation", &self.generation())
            .finish()
    }
}

impl AppState {
    /// Open the store and prepare empty caches.
    pub fn open(config: ServeConfig) -> raqib_store::Result<AppState> {
        let pool = Pool::open(&config.db, config.readers)?;
        Ok(AppState(Arc::new(Inner {
            limiter: RateLimiter::new(config.rate_per_sec, config.rate_burst),
            config,
            pool: Arc::new(pool),
            generation: AtomicU64::new(1),
            marker: Mutex::new(String::new()),
            changed: Notify::new(),
            facets: RwLock::new(None),
            tracked: tokio::sync::Mutex::new(None),
            registry: RwLock::new(None),
            tokens: Mutex::new(HashMap::new()),
            coder: OnceLock::new(),
            responses: Mutex::new(HashMap::new()),
            inflight: Mutex::new(HashMap::new()),
        })))
    }

    /// The store generation now.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Say the store changed (after a write of this server).
    pub fn store_changed(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.changed.notify_one();
    }

    /// Start the background work: watching the store for other writers, rebuilding the
    /// pre-aggregated counts after each change and, when configured, making the dashboard's
    /// opening views.
    pub fn start_background(&self) {
        let s = self.clone();
        tokio::spawn(async move {
            loop {
                s.refresh_facets().await;
                if s.config.prepare_views {
                    s.prepare_views().await;
                }
                tokio::select! {
                    _ = s.changed.notified() => {},
                    _ = tokio::time::sleep(s.config.poll) => { s.check_marker().await; },
                }
            }
        });
    }

    async fn check_marker(&self) {
        let Ok(marker) = self.pool.read(|s| Ok(s.change_marker()?)).await else {
            return;
        };
        let changed = match self.marker.lock() {
            Ok(mut m) => {
                let changed = !m.is_empty() && *m != marker;
                *m = marker;
                changed
            }
            Err(_) => false,
        };
        if changed {
            self.generation.fetch_add(1, Ordering::SeqCst);
        }
    }

    /// Rebuild the pre-aggregated counts if the store moved on since they were built.
    pub async fn refresh_facets(&self) {
        let generation = self.generation();
        let fresh = self
            .facets
            .read()
            .ok()
            .and_then(|f| f.as_ref().map(|(g, _)| *g == generation))
            .unwrap_or(false);
        if fresh {
            return;
        }
        // The scan and the folding run on a blocking thread, never on an async worker.
        match self.pool.read(|s| Ok(Facets::new(s.facet_cells()?))).await {
            Ok(facets) => {
                if let Ok(mut f) = self.facets.write() {
                    *f = Some((generation, Arc::new(facets)));
                }
            }
            Err(e) => eprintln!("raqib serve: cannot pre-aggregate counts: {}", e.message),
        }
    }

    /// Make the dashboard's opening views for the current store generation (what the
    /// background does after every change when [`ServeConfig::prepare_views`] is on).
    pub async fn prepare_views(&self) {
        crate::routes::prepare_views(self).await;
    }

    /// The pre-aggregated counts, when they are up to date.
    pub fn facets(&self) -> Option<Arc<Facets>> {
        let generation = self.generation();
        let f = self.facets.read().ok()?;
        match f.as_ref() {
            Some((g, f)) if *g == generation => Some(Arc::clone(f)),
            _ => None,
        }
    }

    /// The tracking picture of the current store, computed when first needed.
    pub async fn tracked(&self) -> ApiResult<Arc<Tracked>> {
        let generation = self.generation();
        let mut guard = self.tracked.lock().await;
        if let Some((g, t)) = guard.as_ref() {
            if *g == generation {
                return Ok(Arc::clone(t));
            }
        }
        let t = Arc::new(self.pool.read(|s| Ok(Tracked::compute(s)?)).await?);
        *guard = Some((generation, Arc::clone(&t)));
        Ok(t)
    }

    /// The actor and place registries with their lexicon names.
    pub async fn registry(&self) -> ApiResult<Arc<Registry>> {
        let generation = self.generation();
        if let Some((g, r)) = self.registry.read().ok().and_then(|r| r.clone()) {
            if g == generation {
                return Ok(r);
            }
        }
        let (actors, places) = self
            .pool
            .read(|s| Ok((s.actor_registry()?, s.place_registry()?)))
            .await?;
        let lex = raqib_lexicon::Lexicon::shared().ok();
        let place_names: HashMap<&str, &raqib_lexicon::PlaceEntry> = lex
            .as_ref()
            .map(|l| l.places.iter().map(|p| (p.id.as_str(), p)).collect())
            .unwrap_or_default();
        let actors = actors
            .into_iter()
            .map(|a| {
                let mut names = vec![a.name.clone(), a.code.clone()];
                if let Some(e) = a.id.as_deref().and_then(|id| lex.as_ref()?.actor(id)) {
                    names.extend(e.name_ar.iter().cloned());
                    names.extend(e.aliases_ar.iter().cloned());
                    names.extend(e.aliases_en.iter().cloned());
                }
                (a, names)
            })
            .collect();
        let places = places
            .into_iter()
            .map(|p| {
                let mut names = vec![p.name.clone()];
                names.extend(p.admin1.iter().cloned());
                if let Some(e) = p.id.as_deref().and_then(|id| place_names.get(id)) {
                    names.extend(e.names.iter().cloned());
                }
                (p, names)
            })
            .collect();
        let r = Arc::new(Registry { actors, places });
        if let Ok(mut slot) = self.registry.write() {
            *slot = Some((generation, Arc::clone(&r)));
        }
        Ok(r)
    }

    /// The token whose secret hashes to `sha256` (remembered for a few seconds).
    pub async fn token(&self, sha256: String) -> ApiResult<Option<ApiToken>> {
        if let Ok(m) = self.tokens.lock() {
            if let Some((t, at)) = m.get(&sha256) {
                if at.elapsed() < TOKEN_TTL {
                    return Ok(t.clone());
                }
            }
        }
        let key = sha256.clone();
        let t = self
            .pool
            .read(move |s| Ok(s.token_by_sha256(&key)?))
            .await?;
        if let Ok(mut m) = self.tokens.lock() {
            if m.len() > 10_000 {
                m.clear();
            }
            m.insert(sha256, (t.clone(), Instant::now()));
        }
        Ok(t)
    }

    /// A JSON response already made for `key` at the current store generation.
    pub fn cached(&self, key: &str) -> Option<bytes::Bytes> {
        let generation = self.generation();
        let m = self.responses.lock().ok()?;
        match m.get(key) {
            Some((g, b)) if *g == generation => Some(b.clone()),
            _ => None,
        }
    }

    /// Keep a JSON response for `key` until the store changes (a bounded number of them).
    pub fn cache(&self, key: String, body: bytes::Bytes) {
        self.cache_at(self.generation(), key, body);
    }

    /// Keep a response made from the store as it was at `generation`.
    fn cache_at(&self, generation: u64, key: String, body: bytes::Bytes) {
        if let Ok(mut m) = self.responses.lock() {
            let full = |m: &HashMap<String, (u64, bytes::Bytes)>| {
                m.len() >= RESPONSE_CACHE
                    || m.values().map(|(_, b)| b.len()).sum::<usize>() + body.len()
                        > RESPONSE_CACHE_BYTES
            };
            if full(&m) {
                let now = self.generation();
                m.retain(|_, (g, _)| *g == now);
                if full(&m) {
                    m.clear();
                }
            }
            m.insert(key, (generation, body));
        }
    }

    /// The response for `key` at the current store generation: from the cache, else made by
    /// `make` **once** however many requests ask for it at the same time (single flight).
    ///
    /// The first request to miss runs `make`; the others wait for its result instead of
    /// computing it again, so 50 clients that open the dashboard together cost one store query
    /// per distinct page, not fifty. `make` returns the body and whether it may be kept until
    /// the store changes. If the request running `make` is dropped (its client went away, a
    /// timeout) or fails, the next waiting request takes over; errors are not shared.
    pub async fn respond<F, Fut>(&self, key: String, make: F) -> ApiResult<bytes::Bytes>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = ApiResult<(bytes::Bytes, bool)>>,
    {
        if let Some(body) = self.cached(&key) {
            return Ok(body);
        }
        let generation = self.generation();
        let flight_key = (generation, key);
        let cell: Flight = match self.inflight.lock() {
            Ok(mut m) => Arc::clone(m.entry(flight_key.clone()).or_default()),
            Err(_) => Arc::default(),
        };
        let mut keep = false;
        let res = cell
            .get_or_try_init(|| async {
                let (body, cacheable) = make().await?;
                keep = cacheable;
                Ok::<_, ApiError>(body)
            })
            .await
            .cloned();
        if keep {
            // Into the cache first, then out of the flights: a request arriving in between
            // finds one or the other.
            if let Ok(body) = &res {
                self.cache_at(generation, flight_key.1.clone(), body.clone());
            }
        }
        if let Ok(mut m) = self.inflight.lock() {
            // Done, or failed with nobody else waiting (the map's reference and ours): a
            // failure leaves the cell empty for the next waiter to try again.
            let done = cell.initialized() || Arc::strong_count(&cell) == 2;
            if done && m.get(&flight_key).is_some_and(|c| Arc::ptr_eq(c, &cell)) {
                m.remove(&flight_key);
            }
            // Flights of older generations are never finished by anyone who cares.
            if m.len() > RESPONSE_CACHE {
                let now = self.generation();
                m.retain(|(g, _), _| *g == now);
            }
        }
        res
    }

    /// The coder (lexicon and trigger tables load once, on the first report).
    pub fn coder(&self) -> ApiResult<Arc<raqib_extract::Coder>> {
        self.coder
            .get_or_init(|| {
                raqib_lexicon::Lexicon::shared()
                    .map(|l| Arc::new(raqib_extract::Coder::new(l)))
                    .map_err(|e| e.to_string())
            })
            .clone()
            .map_err(ApiError::internal)
    }
}
