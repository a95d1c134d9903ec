//! The picture of a case, checked against the bundled late assessment on
//! 1 June 2025, worked out by hand: the picture starts on 1 January 2025,
//! the month of the earliest clock, at x = 4, and each day is 2 pixels.

mod common;

use common::{day, kept, late_assessment, request_only};
use outputs::case_picture;
use rules::{Case, Deadline, Event, EventKind, Status, evaluate};

/// Where the rows link: the case page at each deadline.
const LINK: &str = "#/case/c-late/deadline/";

/// The words of a status, as a test writes them.
fn words(deadline: &Deadline) -> String {
    match deadline.status {
        Status::MetLate => format!("Met {} days late", deadline.days_late),
        Status::Overdue => format!("Overdue by {} days", deadline.days_late),
        status => format!("{status:?}"),
    }
}

/// The x of a day: 4 + 2 pixels a day from 1 January 2025.
fn x(month: u32, d: u32) -> i64 {
    4 + 2 * (day(2025, month, d) - day(2025, 1, 1)).num_days()
}

#[test]
fn a_late_decision_is_a_bar_to_its_due_date_then_hatched_to_the_day_it_was_made() {
    let (_, evaluation) = late_assessment();
    let svg = case_picture((&evaluation.deadlines, 0), evaluation.today, words, LINK).unwrap();
    let decision = evaluation
        .deadlines
        .iter()
        .position(|d| d.rule.title == "Decision whether to assess")
        .unwrap();
    // Received 6 January, due 17 February, made 20 February: 3 days late.
    let row = format!(
        r##"<a class="picture__row picture__row--late" href="#/case/c-late/deadline/{decision}" aria-label="Decision whether to assess: Met 3 days late. Due 17 February 2025, done 20 February 2025"><text x="{start}" y=""##,
        start = x(1, 6)
    );
    assert!(svg.contains(&row), "{svg}");
    assert!(svg.contains(&format!(
        r#"Decision whether to assess — Met 3 days late</text><rect class="picture__allowed" x="{}" "#,
        x(1, 6)
    )));
    assert!(svg.contains(&format!(
        r#"<rect class="picture__late" x="{}" y="#,
        x(2, 17)
    )));
    assert!(svg.contains(r#"width="6" height="12" fill="url(#picture-late)"/>"#));
    assert!(svg.contains(&format!(r#"<path class="picture__done" d="M{} "#, x(2, 20))));
}

#[test]
fn advice_still_missing_is_hatched_from_its_due_date_to_today() {
    let (_, evaluation) = late_assessment();
    let svg = case_picture((&evaluation.deadlines, 0), evaluation.today, words, LINK).unwrap();
    // The paediatrician's advice, due 7 April 2025, is still missing on 1 June.
    let label = "Advice for the assessment (Community paediatrician): Overdue by 55 days. Due 7 April 2025\">";
    let start = svg.find(label).expect(label);
    let row = &svg[start..start + svg[start..].find("</a>").unwrap()];
    let late_width = x(6, 1) - x(4, 7);
    assert!(
        row.contains(&format!(
            r#"<rect class="picture__late" x="{}" y="#,
            x(4, 7)
        )) && row.contains(&format!(
            r#"width="{late_width}" height="12" fill="url(#picture-late)"#
        )),
        "{row}"
    );
    assert!(!row.contains("picture__done"), "nothing done yet: {row}");
}

#[test]
fn today_months_and_stages_frame_the_rows() {
    let (_, evaluation) = late_assessment();
    let svg = case_picture((&evaluation.deadlines, 0), evaluation.today, words, LINK).unwrap();
    let today = x(6, 1);
    assert!(svg.contains(&format!(
        r#"<line class="picture__today" x1="{today}" y1="28" x2="{today}" "#
    )));
    assert!(svg.contains("Today, 1 June 2025</text>"));
    // A tick for each month from January; the year once, under January.
    for (month, name) in [(1, "Jan"), (2, "Feb"), (6, "Jun")] {
        assert!(svg.contains(&format!(
            r#"<text class="picture__month" x="{}" y="12">{name}</text>"#,
            x(month, 1) + 3
        )));
    }
    assert_eq!(svg.matches(">2025</text>").count(), 1);
    let assessment = svg.find(">Asking for an assessment</text>").unwrap();
    let plan = svg.find(">Draft and final plan</text>").unwrap();
    assert!(assessment < plan, "stages in the order of the process");
    // One row, one link, for each deadline with a clock.
    let applicable = evaluation
        .deadlines
        .iter()
        .filter(|d| d.status != Status::NotApplicable)
        .count();
    assert_eq!(svg.matches("<a class=\"picture__row").count(), applicable);
    assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
    assert!(svg.contains(r#"role="group" aria-labelledby="picture-title""#));
}

#[test]
fn a_name_a_family_typed_is_written_as_text() {
    let mut case = request_only("c-1");
    case.events.push(Event {
        party: Some("<img src=x onerror=alert(1)> & \"co\"".into()),
        ..Event::new("e-2", EventKind::AdviceRequested, day(2025, 9, 2))
    });
    let (case, _) = kept(case, day(2025, 10, 31));
    let evaluation = evaluate(case, day(2025, 10, 31));
    let svg = case_picture((&evaluation.deadlines, 0), evaluation.today, words, LINK).unwrap();
    assert!(!svg.contains("<img"), "{svg}");
    assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;co&quot;"));
}

#[test]
fn a_case_with_no_clock_has_no_picture() {
    let case = Case {
        id: "c-empty".into(),
        ..Case::default()
    };
    let evaluation = evaluate(&case, day(2025, 10, 31));
    assert_eq!(
        case_picture((&evaluation.deadlines, 0), evaluation.today, words, LINK),
        None
    );
}

#[test]
fn a_case_of_many_deadlines_pictures_the_latest_as_its_cards_show_them() {
    let (_, evaluation) = late_assessment();
    let all = evaluation.deadlines.len();
    let svg = case_picture(
        (&evaluation.deadlines, all - 2),
        evaluation.today,
        words,
        LINK,
    )
    .unwrap();
    assert_eq!(svg.matches("<a class=\"picture__row").count(), 2);
    assert!(svg.contains(&format!("href=\"{LINK}{}\"", all - 1)));
    assert!(!svg.contains(&format!("href=\"{LINK}0\"")));
}
