module github.com/ringfence/ringfence

go 1.26.8

require (
	github.com/gofrs/flock v0.13.1
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/text v0.43.0
)

require golang.org/x/sys v0.47.0 // indirect
