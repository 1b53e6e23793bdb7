printf 'Plain text on standard input.\n' | $GALLEY eval 'return {text = doc.text, path = doc.path}'
printf '\n{"id":"a","body":"From the body field."}\n' | $GALLEY eval 'return {text = doc.text}' -
