package checklist

import "time"

// Answer is what a person said in reply to a check's question.
type Answer struct {
	Value string `json:"value" yaml:"value"`
	// Reason is required for "not applicable" and optional otherwise.
	Reason string    `json:"reason,omitempty" yaml:"reason,omitempty"`
	At     time.Time `json:"at,omitzero" yaml:"at,omitempty"`
}

// Answers maps check IDs to answers.
type Answers map[string]Answer
