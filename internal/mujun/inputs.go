package mujun

import (
	"encoding/json"
	"fmt"
	"math"
)

// Input indexes the figures the engine reads for a firm and year. The codes
// are the stats catalog's element codes, except land, which is the yearly
// land_area figure when reported and the registry's land_mu otherwise.
type Input int

const (
	InRevenue Input = iota
	InTaxPaid
	InEmployees
	InEnergyTotal
	InEnergyPower
	InRDExpense
	InValueAdded
	InPollutant
	InTechInvestment
	InLand
	NumInputs
)

// inputCodes are the codes used in method files and snapshots, by Input.
var inputCodes = [NumInputs]string{
	InRevenue:        "revenue",
	InTaxPaid:        "tax_paid",
	InEmployees:      "employees",
	InEnergyTotal:    "energy_total",
	InEnergyPower:    "energy_power",
	InRDExpense:      "rd_expense",
	InValueAdded:     "value_added",
	InPollutant:      "pollutant_emission",
	InTechInvestment: "tech_investment",
	InLand:           "land",
}

// inputUnits are the units the values are stored in (money in 万元).
var inputUnits = [NumInputs]string{"万元", "万元", "人", "吨标准煤", "万千瓦时", "万元", "万元", "吨", "万元", "亩"}

// Code returns the input's code.
func (in Input) Code() string { return inputCodes[in] }

// inputByCode finds an input by its code.
func inputByCode(code string) (Input, bool) {
	for i, c := range inputCodes {
		if c == code {
			return Input(i), true
		}
	}
	return 0, false
}

// Values holds a firm's inputs for one year; NaN marks a missing figure.
type Values [NumInputs]float64

// NoValues returns a Values with every figure missing.
func NoValues() Values {
	var v Values
	for i := range v {
		v[i] = math.NaN()
	}
	return v
}

// Has reports whether the figure is present.
func (v *Values) Has(in Input) bool { return !math.IsNaN(v[in]) }

// Map returns the present figures by code, for snapshots.
func (v *Values) Map() map[string]float64 {
	out := make(map[string]float64, NumInputs)
	for i, x := range v {
		if !math.IsNaN(x) {
			out[inputCodes[i]] = x
		}
	}
	return out
}

// UnmarshalJSON reads what MarshalJSON wrote; absent figures become NaN.
func (v *Values) UnmarshalJSON(data []byte) error {
	var m map[string]float64
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("reading inputs: %w", err)
	}
	*v = NoValues()
	for code, x := range m {
		in, ok := inputByCode(code)
		if !ok {
			return fmt.Errorf("reading inputs: unknown input %q", code)
		}
		v[in] = x
	}
	return nil
}
