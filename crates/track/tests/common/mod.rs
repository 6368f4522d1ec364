//! Hand-written coded reports for the tracking tests: a small invented world (places with
//! made-up coordinates, a few armed groups), never the storyline texts.
#![allow(dead_code)]

use raqib_core::{
    Acled, Actor, Agreement, Batch, DateRef, Evacuation, Event, Evidence, Place, Plover, Quantity,
    Report, Span, Status, Term, Trigger,
};

/// An actor with a code and, for a named one, an id.
pub fn actor(code: &str, id: Option<&str>) -> Actor {
    Actor {
        name: id.unwrap_or(code).to_string(),
        code: code.into(),
        id: id.map(str::to_string),
        text: Some(code.to_lowercase()),
        span: Some(Span::new(0, 3)),
    }
}

/// An armed group.
pub fn group(id: &str) -> Actor {
    actor("XXXREB", Some(id))
}

/// The government's forces.
pub fn army() -> Actor {
    actor("XXXMIL", None)
}

/// A town.
pub fn town(name: &str, lat: f64, lon: f64, admin1: &str) -> Place {
    Place {
        name: name.into(),
        names: vec![],
        id: Some(format!("t:{name}")),
        lat: Some(lat),
        lon: Some(lon),
        country: Some("XXX".into()),
        admin1: Some(admin1.into()),
        admin2: None,
        feature: Some("town".into()),
        precision: 1,
        inferred: false,
        text: Some(name.into()),
        span: Some(Span::new(0, 4)),
    }
}

/// A region of an admin1.
pub fn region(name: &str, lat: f64, lon: f64, admin1: &str) -> Place {
    Place {
        feature: Some("region".into()),
        precision: 3,
        ..town(name, lat, lon, admin1)
    }
}

/// The same place taken from context.
pub fn inferred(p: Place) -> Place {
    Place {
        inferred: true,
        text: None,
        span: None,
        ..p
    }
}

// An invented geography: Alpha and Beta 4 km apart, Gamma 10 km from Alpha across a provincial
// line, Delta far away; the Valley region holds Alpha and Beta.
pub fn alpha() -> Place {
    town("Alpha", 33.50, 36.40, "North")
}
pub fn beta() -> Place {
    town("Beta", 33.53, 36.42, "North")
}
pub fn gamma() -> Place {
    town("Gamma", 33.45, 36.31, "South")
}
pub fn delta() -> Place {
    town("Delta", 35.00, 38.00, "East")
}
pub fn valley() -> Place {
    region("Valley", 33.51, 36.43, "North")
}

/// A day.
pub fn day(v: &str) -> DateRef {
    DateRef {
        value: Some(v.into()),
        precision: "day".into(),
        from: None,
        to: None,
        inferred: false,
        text: Some(v.into()),
        span: Some(Span::new(0, 2)),
    }
}

/// A count.
pub fn count(what: &str, value: u64) -> Quantity {
    Quantity {
        what: what.into(),
        value,
        ordinal: false,
        approx: false,
        at_least: false,
        text: Some(value.to_string()),
        span: Some(Span::new(0, 2)),
    }
}

/// An ordinal ("the third batch").
pub fn nth(what: &str, value: u64) -> Quantity {
    Quantity {
        ordinal: true,
        ..count(what, value)
    }
}

/// An event builder.
pub struct E(pub Event);

/// An event: `id` is the event id's suffix (the report id is prefixed when the report is made).
pub fn ev(id: &str, plover: Plover) -> E {
    E(Event {
        id: id.into(),
        trigger: Trigger {
            text: id.into(),
            span: Span::new(0, 2),
        },
        plover,
        mode: None,
        cameo: "190".into(),
        acled: Acled {
            event_type: "Battles".into(),
            sub_event_type: "Armed clash".into(),
        },
        source: vec![],
        target: vec![],
        symmetric: false,
        location: vec![],
        date: None,
        status: Status::Asserted,
        attribution: vec![],
        denied_by: vec![],
        quantities: vec![],
        main: true,
        confidence: 0.9,
        evidence: Evidence {
            span: Span::new(0, 10),
            text: format!("sentence of {id}"),
        },
    })
}

impl E {
    pub fn src(mut self, a: Actor) -> E {
        self.0.source.push(a);
        self
    }
    pub fn tgt(mut self, a: Actor) -> E {
        self.0.target.push(a);
        self
    }
    pub fn at(mut self, p: Place) -> E {
        self.0.location.push(p);
        self
    }
    pub fn on(mut self, d: &str) -> E {
        self.0.date = Some(day(d));
        self
    }
    pub fn said(mut self, a: Actor) -> E {
        self.0.attribution.push(a);
        if self.0.status == Status::Asserted {
            self.0.status = Status::Claimed;
        }
        self
    }
    pub fn denied(mut self, a: Actor) -> E {
        self.0.denied_by.push(a);
        self.0.status = Status::Disputed;
        self
    }
    pub fn status(mut self, s: Status) -> E {
        self.0.status = s;
        self
    }
    pub fn mode(mut self, m: &str) -> E {
        self.0.mode = Some(m.into());
        self
    }
    pub fn qty(mut self, q: Quantity) -> E {
        self.0.quantities.push(q);
        self
    }
    pub fn mutual(mut self) -> E {
        self.0.symmetric = true;
        self
    }
}

/// A report of events (ids prefixed with the report id).
pub fn report(id: &str, date: &str, events: Vec<E>) -> Report {
    Report {
        id: id.into(),
        date: Some(date.into()),
        lang: "en".into(),
        text_sha256: format!("sha-{id}"),
        events: events
            .into_iter()
            .map(|E(mut e)| {
                e.id = format!("{id}:{}", e.id);
                e
            })
            .collect(),
        ..Report::default()
    }
}

/// An agreement mention.
pub fn agreement(parties: Vec<Actor>, status: &str, at: Vec<Place>) -> Agreement {
    Agreement {
        name: "agreement".into(),
        parties,
        mediators: vec![],
        terms: vec![],
        status: status.into(),
        location: at,
        events: vec![],
        date: None,
        claimed_by: vec![],
        denied_by: vec![],
        evidence: None,
    }
}

/// Agreement terms.
pub fn terms(kinds: &[&str]) -> Vec<Term> {
    kinds
        .iter()
        .map(|k| Term {
            kind: (*k).into(),
            text: (*k).into(),
            span: Span::new(0, 1),
        })
        .collect()
}

/// An evacuation mention.
pub fn evacuation(g: Actor, origin: Place, status: &str) -> Evacuation {
    Evacuation {
        group: vec![g],
        who: vec!["fighters".into()],
        origin: vec![origin],
        destinations: vec![delta()],
        batches_completed: None,
        batches: vec![],
        status: status.into(),
        agreement: None,
        totals: vec![],
        date: None,
        attribution: vec![],
    }
}

/// A batch.
pub fn batch(ordinal: u32, status: &str, date: Option<&str>) -> Batch {
    Batch {
        ordinal,
        status: status.into(),
        date: date.map(day),
        people: None,
        fighters: None,
        buses: None,
    }
}
