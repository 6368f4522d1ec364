//! The tracking picture (incidents, agreements, evacuations) of the stored reports, computed
//! with raqib-track when first asked for after a change of the store, then shared.

use raqib_core::track::{Incident, TrackedAgreement, TrackedEvacuation};

/// What raqib-track makes of the current reports.
#[derive(Debug, Default)]
pub struct Tracked {
    /// Incidents, as the tracker orders them.
    pub incidents: Vec<Incident>,
    /// Agreements.
    pub agreements: Vec<TrackedAgreement>,
    /// Evacuations.
    pub evacuations: Vec<TrackedEvacuation>,
}

impl Tracked {
    /// Track every current report of the store.
    pub fn compute(store: &dyn raqib_store::api::ApiStore) -> raqib_store::Result<Tracked> {
        let reports = store.reports()?;
        let tracker = raqib_track::Tracker::build(reports);
        Ok(Tracked {
            incidents: tracker.incidents(),
            agreements: tracker.agreements(),
            evacuations: tracker.evacuations(),
        })
    }
}
