$GALLEY run fixtures/titles.lua ../../seeds
