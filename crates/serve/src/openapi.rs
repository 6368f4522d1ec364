//! The OpenAPI 3 description of every endpoint, served at `/openapi.json` and rendered by
//! the API page (`/api`). Written by hand next to the routes; a test checks that every path
//! it lists is routed and every routed API path is listed.

use serde_json::{json, Value};

fn param(name: &str, desc: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": desc, "schema": schema})
}

fn path_id(desc: &str) -> Value {
    json!({"name": "id", "in": "path", "required": true, "description": desc, "schema": {"type": "string"}})
}

fn s() -> Value {
    json!({"type": "string"})
}

fn filters() -> Vec<Value> {
    vec![
        param(
            "from",
            "First day, YYYY-MM-DD, inclusive (the event's date, else its report's).",
            json!({"type": "string", "format": "date"}),
        ),
        param(
            "to",
            "Last day, YYYY-MM-DD, inclusive.",
            json!({"type": "string", "format": "date"}),
        ),
        param("plover", "PLOVER event type (ASSAULT, PROTEST...).", s()),
        param(
            "cameo",
            "CAMEO code prefix (19, 195).",
            json!({"type": "string", "pattern": "^[0-9]{1,4}$"}),
        ),
        param("acled", "ACLED event type or sub-event type.", s()),
        param(
            "actor",
            "Actor id, or actor code prefix (SYRREB, RUS).",
            s(),
        ),
        param(
            "role",
            "Only match `actor` in this role.",
            json!({"type": "string", "enum": ["source", "target", "attribution", "denier"]}),
        ),
        param("place", "Place name, admin1, admin2 or place id.", s()),
        param(
            "near",
            "Events near LAT,LON (with km).",
            json!({"type": "string", "example": "33.57,36.40"}),
        ),
        param(
            "km",
            "Radius for near, in km (default 25).",
            json!({"type": "number"}),
        ),
        param(
            "status",
            "Event status.",
            json!({"type": "string", "enum": ["asserted", "claimed", "disputed", "intended", "stalled", "negated"]}),
        ),
        param("outlet", "Outlet name or id.", s()),
        param(
            "review",
            "Review state.",
            json!({"type": "string", "enum": ["auto", "reviewed", "published", "rejected"]}),
        ),
        param("report", "Only events of this report id.", s()),
        param("story", "Only events of reports of this story.", s()),
        param("main", "Only main events.", json!({"type": "boolean"})),
        param(
            "all_versions",
            "Include events of superseded report versions.",
            json!({"type": "boolean"}),
        ),
    ]
}

fn paging(max: u64) -> Vec<Value> {
    vec![
        param(
            "limit",
            &format!("At most this many items (1..{max})."),
            json!({"type": "integer", "minimum": 1, "maximum": max}),
        ),
        param(
            "offset",
            "Skip this many first.",
            json!({"type": "integer", "minimum": 0}),
        ),
    ]
}

fn ok(desc: &str, schema: Value) -> Value {
    json!({
        "200": {"description": desc, "content": {"application/json": {"schema": schema}}},
        "400": {"$ref": "#/components/responses/BadRequest"},
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "429": {"$ref": "#/components/responses/RateLimited"}
    })
}

fn obj() -> Value {
    json!({"type": "object"})
}

fn listing(item: Value) -> Value {
    json!({"type": "object", "properties": {
        "total": {"type": "integer"}, "offset": {"type": "integer"},
        "items": {"type": "array", "items": item}}})
}

fn get_op(tag: &str, summary: &str, params: Vec<Value>, responses: Value) -> Value {
    json!({"get": {"tags": [tag], "summary": summary, "parameters": params, "responses": responses}})
}

/// The document.
pub fn document() -> Value {
    let mut events_params = filters();
    events_params.push(param(
        "limit",
        "At most this many events (1..1000 for JSON, 1..10000 for CSV and GeoJSON; default 50).",
        json!({"type": "integer"}),
    ));
    events_params.push(param(
        "cursor",
        "`next_cursor` of the previous page (for CSV and GeoJSON, the X-Next-Cursor header).",
        s(),
    ));
    events_params.push(param(
        "format",
        "json (default), csv (ACLED columns) or geojson.",
        json!({"type": "string", "enum": ["json", "csv", "geojson"]}),
    ));
    events_params.push(param(
        "fields",
        "full (default): whole events; summary: what a table or a map shows (key, date, report_id, outlet, review, and event.id, plover, status, main, confidence, source and target names and codes, location names, ids, countries and coordinates), in the same shape, about a tenth of the bytes. JSON only.",
        json!({"type": "string", "enum": ["full", "summary"]}),
    ));
    let mut counts_params = filters();
    counts_params.push(param(
        "by",
        "Group by day (default), type, place (first place), status, or day-type (day and type).",
        json!({"type": "string", "enum": ["day", "type", "place", "status", "day-type"]}),
    ));
    let mut incident_params = vec![
        param(
            "claims",
            "Only contested incidents: denied, or told as a claim.",
            json!({"type": "boolean"}),
        ),
        param(
            "denied",
            "Only denied incidents.",
            json!({"type": "boolean"}),
        ),
        param("plover", "PLOVER type.", s()),
        param("q", "Search actor and place names (Arabic-aware).", s()),
    ];
    incident_params.extend(paging(1000));
    let mut status_paging = vec![param("status", "Latest status.", s())];
    status_paging.extend(paging(1000));
    let search = vec![
        param(
            "q",
            "Search any name (Arabic: harakat, alef forms and clitics ignored).",
            s(),
        ),
        param(
            "limit",
            "At most this many (1..1000, default 50).",
            json!({"type": "integer"}),
        ),
    ];
    let write_responses = |desc: &str, code: &str| {
        json!({
            code: {"description": desc, "content": {"application/json": {"schema": obj()}}},
            "400": {"$ref": "#/components/responses/BadRequest"},
            "401": {"$ref": "#/components/responses/Unauthorized"},
            "403": {"$ref": "#/components/responses/Forbidden"},
            "404": {"$ref": "#/components/responses/NotFound"},
            "413": {"$ref": "#/components/responses/TooLarge"},
            "415": {"$ref": "#/components/responses/BadRequest"},
            "429": {"$ref": "#/components/responses/RateLimited"}
        })
    };
    let report_schema = json!({"type": "object", "additionalProperties": false, "properties": {
        "id": s(), "text": s(), "html": s(), "date": {"type": "string", "format": "date"},
        "source": s(), "lang": {"type": "string", "enum": ["ar", "en", "other"]}, "url": s()}});
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "raqib API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Coded conflict events (who did what to whom, where, when, according to whom) from a raqib store. Reads are open unless the server runs with --auth-reads; writes need an analyst token (raqib token create --role analyst), sent as Authorization: Bearer <token>. Errors are JSON: {\"error\": {\"status\", \"code\", \"message\"}}."
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}, {}],
        "tags": [
            {"name": "events"}, {"name": "tracking"}, {"name": "registry"}, {"name": "write"}, {"name": "meta"}
        ],
        "paths": {
            "/events": get_op("events", "Events matching raqib query's filters, latest first, with cursor pagination.", events_params,
                ok("A page of events (JSON; fields=summary for EventSummary items); CSV or GeoJSON with format.", json!({"type": "object", "properties": {
                    "events": {"type": "array", "items": {"oneOf": [{"$ref": "#/components/schemas/StoredEvent"}, {"$ref": "#/components/schemas/EventSummary"}]}},
                    "next_cursor": {"type": "string", "nullable": true}, "limit": {"type": "integer"}}}))),
            "/events/{id}": get_op("events", "One event with its evidence sentence (trigger offsets inside it), source chain (outlet → speakers), deniers, report, report versions and audit log.", vec![path_id("Event id.")],
                ok("The event.", json!({"$ref": "#/components/schemas/StoredEvent"}))),
            "/counts": get_op("events", "Events counted by day, type, place or status for charts (pre-aggregated when the filter only has from, to, plover, status, main).", counts_params,
                ok("Counts.", json!({"type": "object", "properties": {
                    "by": s(), "total": {"type": "integer"}, "source": {"type": "string", "enum": ["pre-aggregated", "store"]},
                    "counts": {"type": "array", "items": {"type": "object", "properties": {"key": s(), "type": s(), "events": {"type": "integer"}}}}}}))),
            "/incidents": get_op("tracking", "Incidents across reports, with each report's version, claims and denials (spec/tracking.md).", incident_params, ok("Incidents.", listing(obj()))),
            "/incidents/{id}": get_op("tracking", "One incident.", vec![path_id("Incident id.")], ok("The incident.", obj())),
            "/agreements": get_op("tracking", "Agreements with their status history.", status_paging.clone(), ok("Agreements.", listing(obj()))),
            "/agreements/{id}": get_op("tracking", "One agreement.", vec![path_id("Agreement id.")], ok("The agreement.", obj())),
            "/evacuations": get_op("tracking", "Evacuations batch by batch, with totals.", status_paging, ok("Evacuations.", listing(obj()))),
            "/evacuations/{id}": get_op("tracking", "One evacuation.", vec![path_id("Evacuation id.")], ok("The evacuation.", obj())),
            "/actors": get_op("registry", "Actors the store has seen, searchable by any name.", search.clone(), ok("Actors.", obj())),
            "/places": get_op("registry", "Places the store has seen, searchable by any name.", search, ok("Places.", obj())),
            "/reports": {"post": {
                "tags": ["write"], "summary": "Submit reports for coding and storage (analyst token). JSON: one report, or {\"reports\": [...]} (at most 50); or text/plain with id, date, source, lang, url in the query string.",
                "parameters": [param("id", "text/plain only: report id.", s()), param("date", "text/plain only: publication date.", s()),
                    param("source", "text/plain only: outlet.", s()), param("lang", "text/plain only: ar, en or other.", s()), param("url", "text/plain only: URL.", s())],
                "requestBody": {"required": true, "content": {
                    "application/json": {"schema": {"oneOf": [report_schema.clone(), {"type": "object", "additionalProperties": false, "properties": {"reports": {"type": "array", "items": report_schema}}}]}},
                    "text/plain": {"schema": s()}}},
                "responses": write_responses("Coded and stored: the ingest figures and each report's event ids.", "201")
            }},
            "/reports/{id}": get_op("events", "The current version of a stored coded report.", vec![path_id("Report id.")], ok("The coded report (spec/coded-report.md).", obj())),
            "/events/{id}/edits": {"post": {
                "tags": ["write"], "summary": "Correct fields of an event (analyst token); audited, survives re-ingest.",
                "parameters": [path_id("Event id.")],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["set"], "properties": {
                    "set": {"type": "object", "additionalProperties": {"type": "string"}, "description": "Field → value, as raqib edit --set takes them."}, "note": s()}}}}},
                "responses": write_responses("The audit entries written.", "200")
            }},
            "/events/{id}/review": {"post": {
                "tags": ["write"], "summary": "Move an event through review (analyst token).",
                "parameters": [path_id("Event id.")],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["state"], "properties": {
                    "state": {"type": "string", "enum": ["auto", "reviewed", "published", "rejected"]}, "note": s()}}}}},
                "responses": write_responses("The audit entry written.", "200")
            }},
            "/review-queue": get_op("write", "Events still to review, lowest confidence first.", paging(1000), ok("Events.", json!({"type": "array", "items": {"$ref": "#/components/schemas/StoredEvent"}}))),
            "/audit": get_op("write", "The audit log, newest first.", {let mut v = vec![param("event", "Only this event's entries.", s())]; v.extend(paging(1000)); v}, ok("Entries.", json!({"type": "array", "items": obj()}))),
            "/stats": get_op("meta", "Sizes of the store.", vec![], ok("Sizes.", obj())),
            "/whoami": get_op("meta", "The caller's token and role.", vec![], ok("Who.", obj())),
            "/health": get_op("meta", "The store answers.", vec![], ok("OK.", obj()))
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "A token from raqib token create."}},
            "schemas": {
                "Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {
                    "status": {"type": "integer"}, "code": s(), "message": s()}}}},
                "StoredEvent": {"type": "object", "description": "A coded event (spec/coded-report.md) with where it comes from.", "properties": {
                    "key": {"type": "integer"}, "event": obj(), "date": {"type": "string", "nullable": true},
                    "date_from_report": {"type": "boolean"}, "report_id": s(), "report_version": {"type": "integer"},
                    "report_date": {"type": "string", "nullable": true}, "outlet": {"type": "string", "nullable": true},
                    "url": {"type": "string", "nullable": true}, "story_id": s(), "review": s(),
                    "superseded": {"type": "boolean"}, "corrected": {"type": "array", "items": s()}}},
                "EventSummary": {"type": "object", "description": "An event as a table or a map shows it (fields=summary): StoredEvent's shape with fewer fields.", "properties": {
                    "key": {"type": "integer"}, "date": {"type": "string", "nullable": true}, "report_id": s(),
                    "outlet": {"type": "string", "nullable": true}, "review": s(),
                    "event": {"type": "object", "properties": {
                        "id": s(), "plover": s(), "status": s(), "main": {"type": "boolean"}, "confidence": {"type": "number"},
                        "source": {"type": "array", "items": {"$ref": "#/components/schemas/ActorRef"}},
                        "target": {"type": "array", "items": {"$ref": "#/components/schemas/ActorRef"}},
                        "location": {"type": "array", "items": {"type": "object", "properties": {
                            "name": s(), "id": {"type": "string", "nullable": true}, "country": {"type": "string", "nullable": true},
                            "lat": {"type": "number", "nullable": true}, "lon": {"type": "number", "nullable": true}}}}}}}},
                "ActorRef": {"type": "object", "properties": {"name": s(), "code": s(), "id": {"type": "string", "nullable": true}}}
            },
            "responses": {
                "BadRequest": {"description": "Malformed input, with a message saying what.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "Unauthorized": {"description": "No valid token.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "Forbidden": {"description": "The token may not write.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "NotFound": {"description": "No such item.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "TooLarge": {"description": "The body is too large.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "RateLimited": {"description": "Too many requests; see Retry-After.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
        }
    })
}
