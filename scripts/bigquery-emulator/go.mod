module adledger/bigquery-emulator-build

go 1.26.8

require github.com/goccy/bigquery-emulator v0.8.1 // indirect
