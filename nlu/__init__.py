"""Custom Rasa NLU components and pure number/pattern rules for Chinese wage-arrears text.

config.yml names the components by full dotted path
(nlu.tokenizer.DomainJiebaTokenizer, nlu.closed_form_extractor.ClosedFormEntityExtractor).
They are not re-exported here on purpose: importing them pulls in Rasa and
TensorFlow, and the action server only needs the light modules
nlu.numbers and nlu.patterns.
"""
