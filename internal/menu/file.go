package menu

// The types in this file mirror menu.json exactly: strict decoding accepts
// a key only if one of these fields names it. doc.go explains each key.
// They hold the file as written; build.go turns them into the Menu types.

type fileMenu struct {
	About      []string       `json:"about"`
	Shop       *fileShop      `json:"shop"`
	Sizes      []fileWord     `json:"sizes"`
	Choices    []fileWord     `json:"choices"`
	Modifiers  *fileModifiers `json:"modifiers"`
	Categories []fileCategory `json:"categories"`
	MealDrink  fileMealDrink  `json:"meal_drink"`
	MealChips  fileMealChips  `json:"meal_chips"`
	Meals      []fileMeal     `json:"meals"`
	Speech     *fileSpeech    `json:"speech"`
}

type fileShop struct {
	Name       string             `json:"name"`
	Address    string             `json:"address"`
	Phone      string             `json:"phone"`
	Timezone   string             `json:"timezone"`
	GSTPercent *int               `json:"gst_percent"`
	Prep       *filePrep          `json:"prep_minutes"`
	Hours      map[string]fileDay `json:"hours"` // keyed by weekday: "monday"
}

type filePrep struct {
	Base      *int `json:"base"`
	PerLine   *int `json:"per_line"`
	Max       *int `json:"max"`
	PerQueued *int `json:"per_queued_order"` // optional, default 0
	QueueMax  *int `json:"queue_max"`        // optional, default 0
}

type fileDay struct {
	Open   string `json:"open"`
	Close  string `json:"close"`
	Closed bool   `json:"closed"`
}

// fileWord is a size or an option choice: a thing with words but no price.
type fileWord struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
}

type fileModifiers struct {
	Salads *fileGroup `json:"salads"`
	Sauces *fileGroup `json:"sauces"`
	Extras *fileGroup `json:"extras"`
	Salt   *fileGroup `json:"salt"`
}

type fileGroup struct {
	Name    string         `json:"name"`
	Aliases []string       `json:"aliases"`
	Default string         `json:"default"`
	Choices []fileModifier `json:"choices"`
}

type fileModifier struct {
	ID      string            `json:"id"`
	Name    string            `json:"name"`
	Aliases []string          `json:"aliases"`
	Price   string            `json:"price"`
	Prices  map[string]string `json:"prices"`
}

type fileCategory struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	Aliases   []string   `json:"aliases"`
	Modifiers []string   `json:"modifiers"`
	Items     []fileItem `json:"items"`
}

type fileItem struct {
	ID        string            `json:"id"`
	Name      string            `json:"name"`
	Aliases   []string          `json:"aliases"`
	Price     string            `json:"price"`
	Sizes     map[string]string `json:"sizes"`
	Options   []fileOption      `json:"options"`
	Modifiers *[]string         `json:"modifiers"` // nil: the category's groups
}

type fileOption struct {
	ID         string   `json:"id"`
	Values     []string `json:"values"`
	ValuesFrom string   `json:"values_from"`
}

type fileMealDrink struct {
	Item    string `json:"item"`
	Default string `json:"default"`
}

type fileMealChips struct {
	Item string `json:"item"`
}

type fileMeal struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Category string `json:"category"`
	Size     string `json:"size"`
	Chips    string `json:"chips"`
	Price    string `json:"price"`
}

type fileSpeech struct {
	Numbers    map[string]int `json:"numbers"`
	Fillers    []string       `json:"fillers"`
	Exclusions []string       `json:"exclusions"`
	Everything []string       `json:"everything"`
	Meal       []string       `json:"meal"`
}
