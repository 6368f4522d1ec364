//! One-off check at scale: incremental adds in a shuffled order give the rebuilt picture.
//! `cargo run --release -p raqib-track --example equivalence -- 5000`.

use raqib_track::{synth, track, Tracker};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5_000);
    let rs = synth::reports(3, n);
    let mut order: Vec<usize> = (0..n).collect();
    let mut rng = synth::Rng::new(42);
    for i in (1..n).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let mut t = Tracker::new();
    for &i in &order {
        t.add(rs[i].clone());
    }
    let same = t.picture() == track(&rs);
    println!(
        "{n} reports: incremental == rebuild: {same}; {:?}",
        t.stats()
    );
    assert!(same);
}
