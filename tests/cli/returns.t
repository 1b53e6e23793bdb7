printf '{"id":1,"text":"plain"}\n{"id":2,"text":"none"}\n{"id":3,"text":"many"}\n{"id":4,"text":"string"}\n{"id":5,"text":"function"}\n' |
  $GALLEY run fixtures/returns.lua -j 1 -
echo "status $?"
