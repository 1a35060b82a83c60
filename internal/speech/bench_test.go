package speech

import "testing"

// BenchmarkParse reads a long, realistic phrase: filler, a number word, two
// misheard words, the lot, exclusions and a meal.
func BenchmarkParse(b *testing.B) {
	p := mustParser(b)
	const phrase = "yeah um could I please get two large lamp kebabs with the lot, no onion " +
		"and garlik sauce and chillli, extra cheese, make it a meal with large chips " +
		"and a coke zero thanks mate"
	if _, err := p.Parse(phrase); err != nil {
		b.Fatalf("Parse: %v", err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Parse(phrase); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse_short reads the commonest kind of phrase.
func BenchmarkParse_short(b *testing.B) {
	p := mustParser(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Parse("a coke"); err != nil {
			b.Fatal(err)
		}
	}
}
