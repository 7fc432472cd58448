"""Date formats of the interface, per language (settings.FORMAT_MODULE_PATH).

Templates name a format (`{{ day|date:"DATE_FORMAT" }}`) and the active language picks it; what a
module leaves out comes from Django's own formats for that language. To add a language, add a
package named after its code with a formats.py defining the same names.
"""
