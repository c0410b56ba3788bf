# Tests of src/syntax. syntax_test reads the shipped model in data/models/ and skips without it.
whipcount_test(syntax/conllu_test.cc whipcount_syntax)
whipcount_test(syntax/model_file_test.cc whipcount_syntax)
whipcount_test(syntax/perceptron_test.cc whipcount_syntax)
whipcount_test(syntax/tagger_test.cc whipcount_syntax)
whipcount_test(syntax/parser_test.cc whipcount_syntax)
whipcount_test(syntax/syntax_test.cc whipcount_syntax)
whipcount_test(syntax/clusters_test.cc whipcount_syntax)
