fn main() { println!("ehc"); }
