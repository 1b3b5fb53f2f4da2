# Rewrites the option and header tables at the end of inference-component.adoc from the generated catalog
# (src/generated/resources/.../inference.json). Run from camel-inference-component/ after changing an option:
#   python3 src/main/docs/update-option-tables.py
# DocumentationTest fails when the page and the catalog disagree.
import json,sys
d=json.load(open('src/generated/resources/META-INF/io/github/camelinference/camel/inference/inference.json'))
def esc(s):
    if s is None: return ''
    if isinstance(s,bool): s = 'true' if s else 'false'
    return str(s).replace('|','\\|')
out=[]
def rows(props):
    for k,v in props.items():
        enums = f" One of: {', '.join(v['enum'])}." if 'enum' in v else ''
        secret = " Secret: masked wherever Camel shows the URI." if v.get('secret') else ''
        out.append(f"| *{k}* ({v.get('group','')}) | {esc(v.get('description'))}{enums}{secret} | {esc(v.get('defaultValue'))} | {v['type']}")
out.append("=== Component options\n")
out.append("Set on the component (`camel.component.inference.*` with Camel Main or Spring Boot) as defaults for every endpoint.\n")
out.append('[width="100%",cols="2,5,^1,1",options="header"]\n|===\n| Name | Description | Default | Type')
rows(d['componentProperties'])
out.append("|===\n")
out.append("=== Endpoint options\n")
out.append("Path parameter *provider* (required): `openai`, `huggingface` (or `hf`), `azure`, or a name of your choice for another OpenAI-compatible server, which then needs `baseUrl`.\n")
out.append('[width="100%",cols="2,5,^1,1",options="header"]\n|===\n| Name | Description | Default | Type')
rows({k:v for k,v in d['properties'].items() if v['kind']!='path'})
out.append("|===\n")
out.append("=== Message headers\n")
out.append('[width="100%",cols="2,5,2",options="header"]\n|===\n| Name | Description | Type')
for k,v in d['headers'].items():
    out.append(f"| *{k}* | {esc(v.get('description'))} | {v['javaType']}")
out.append("|===")
p='src/main/docs/inference-component.adoc'; s=open(p).read()
s=s[:s.index("=== Component options")]+"\n".join(out)+"\n"
open(p,'w').write(s)
