//! Tracking across reports: the output contract of `raqib track` (`spec/tracking.md`).

use serde::{Deserialize, Serialize};

use crate::report::{Actor, DateRef, Evidence, Place, Plover, Quantity, Status};

fn is_false(b: &bool) -> bool {
    !*b
}

/// One real-world event as every report tells it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    /// Stable id.
    pub id: String,
    /// Consensus PLOVER type.
    pub plover: Plover,
    /// Consensus date.
    pub date: Option<DateRef>,
    /// Consensus places.
    pub location: Vec<Place>,
    /// Consensus source actors.
    pub source: Vec<Actor>,
    /// Consensus target actors.
    pub target: Vec<Actor>,
    /// Every version's innermost speaker.
    pub claimed_by: Vec<Actor>,
    /// Every denier.
    pub denied_by: Vec<Actor>,
    /// Reports that tell it.
    pub reports: Vec<String>,
    /// What each report says.
    pub versions: Vec<IncidentVersion>,
}

/// What one report says of an incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentVersion {
    /// Report id.
    pub report: String,
    /// Event id in that report.
    pub event: String,
    /// The event's status there.
    pub status: Status,
    /// Its attribution chain.
    pub attribution: Vec<Actor>,
    /// Its deniers.
    pub denied_by: Vec<Actor>,
    /// Its date.
    pub date: Option<DateRef>,
    /// Its counts.
    pub quantities: Vec<Quantity>,
    /// Its PLOVER type (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover: Option<Plover>,
    /// Who acts, as that report says (extension).
    #[serde(default)]
    pub source: Vec<Actor>,
    /// Who is acted on, as that report says (extension).
    #[serde(default)]
    pub target: Vec<Actor>,
    /// Where, as that report says (extension).
    #[serde(default)]
    pub location: Vec<Place>,
    /// The sentence it was coded from (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// One agreement through its life.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackedAgreement {
    /// Stable id.
    pub id: String,
    /// Parties.
    pub parties: Vec<Actor>,
    /// Mediators and guarantors.
    pub mediators: Vec<Actor>,
    /// Places.
    pub location: Vec<Place>,
    /// Term kinds.
    pub terms: Vec<String>,
    /// Latest status.
    pub status: String,
    /// Status history, oldest first.
    pub history: Vec<AgreementStatusEntry>,
    /// Reports that speak of it (extension).
    #[serde(default)]
    pub reports: Vec<String>,
}

/// One status of an agreement as one report tells it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgreementStatusEntry {
    /// When.
    pub date: Option<DateRef>,
    /// Agreement status.
    pub status: String,
    /// Report id.
    pub report: String,
    /// Who says so.
    pub claimed_by: Vec<Actor>,
    /// Who denies it.
    pub denied_by: Vec<Actor>,
    /// The sentence it comes from.
    pub evidence: Option<Evidence>,
    /// The date is the report's, not stated (extension).
    #[serde(default, skip_serializing_if = "is_false")]
    pub date_from_report: bool,
}

/// One evacuation operation, batch by batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackedEvacuation {
    /// Stable id.
    pub id: String,
    /// Who leaves.
    pub group: Vec<Actor>,
    /// From where.
    pub origin: Vec<Place>,
    /// To where.
    pub destinations: Vec<Place>,
    /// Latest status.
    pub status: String,
    /// Status changes.
    pub status_history: Vec<EvacuationStatusEntry>,
    /// Batches by ordinal.
    pub batches: Vec<TrackedBatch>,
    /// Totals to date, with their sources.
    pub totals: Vec<EvacuationTotal>,
    /// Who leaves: `fighters`, `families`, `civilians`, `wounded` (extension).
    #[serde(default)]
    pub who: Vec<String>,
    /// Reports that speak of it (extension).
    #[serde(default)]
    pub reports: Vec<String>,
}

/// One status of an evacuation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvacuationStatusEntry {
    /// When.
    pub date: Option<DateRef>,
    /// `planned`, `ongoing`, `stalled`, `completed`.
    pub status: String,
    /// Report id.
    pub report: String,
    /// Who the report has say so (extension).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<Actor>,
    /// Batches done so far, where the report says (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batches_completed: Option<u32>,
    /// The date is the report's, not stated (extension).
    #[serde(default, skip_serializing_if = "is_false")]
    pub date_from_report: bool,
}

/// One batch with every report's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackedBatch {
    /// 1 for the first.
    pub ordinal: u32,
    /// Consensus status.
    pub status: String,
    /// Consensus date.
    pub date: Option<DateRef>,
    /// Each report's account.
    pub versions: Vec<BatchVersion>,
}

/// One report's account of a batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchVersion {
    /// Report id.
    pub report: String,
    /// Who gives the figures.
    pub source: Vec<Actor>,
    /// Batch status.
    pub status: String,
    /// When.
    pub date: Option<DateRef>,
    /// People.
    pub people: Option<Quantity>,
    /// Fighters.
    pub fighters: Option<Quantity>,
    /// Buses.
    pub buses: Option<Quantity>,
    /// Other figures the same report gives for this batch, from another source (extension).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_figures: Vec<Quantity>,
}

/// A total to date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvacuationTotal {
    /// As of when.
    pub date: Option<DateRef>,
    /// How many people.
    pub people: Quantity,
    /// Report id.
    pub report: String,
    /// Who gives it.
    pub source: Vec<Actor>,
}
