using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>
/// Parses the inside of a filter segment <c>[?EXPR]</c>: <c>OPERAND</c>, <c>OPERAND OP OPERAND</c> (OP one of
/// <c>== != &lt; &lt;= &gt; &gt;=</c>), <c>!EXPR</c>, <c>EXPR &amp;&amp; EXPR</c>, <c>EXPR || EXPR</c> and parentheses;
/// <c>&amp;&amp;</c> binds tighter than <c>||</c>. The left operand is a path relative to the element (<c>status</c>,
/// <c>a.b</c>, <c>@.status</c>, <c>@</c>); the right is a literal (bare word, 'quoted' or "quoted", number, true, false,
/// null), <c>@…</c> (a field of the same element), <c>$…</c> (a path from the document root) or <c>^…</c> (a field of the
/// outer element: the element under test where a REF is written, for joins; the loader allows it only in a REF's path).
/// Operand paths name one value: no <c>[*]</c> or filter inside them.
/// </summary>
public static class FilterParser
{
    private static readonly SourcePosition Literal = SourcePosition.OfFile("rungates.yml");

    public static bool TryParse(string text, out FilterExpression expression, out string error)
    {
        var reader = new Reader(text);
        expression = null!;
        if (!reader.Or(out var parsed))
        {
            error = reader.Error;
            return false;
        }

        reader.SkipSpace();
        if (!reader.AtEnd)
        {
            error = $"unexpected '{text[reader.Position]}' at position {reader.Position + 1} of the filter";
            return false;
        }

        expression = parsed;
        error = "";
        return true;
    }

    private sealed class Reader(string text)
    {
        public int Position { get; private set; }

        public string Error { get; private set; } = "";

        public bool AtEnd => Position >= text.Length;

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[Position]))
            {
                Position++;
            }
        }

        private bool Take(string token)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, Position, token, 0, token.Length) == 0)
            {
                Position += token.Length;
                return true;
            }

            return false;
        }

        private bool Fail(string message)
        {
            Error = $"{message} at position {Position + 1} of the filter";
            return false;
        }

        public bool Or(out FilterExpression expression) => Chain("||", FilterKind.Or, And, out expression);

        private bool And(out FilterExpression expression) => Chain("&&", FilterKind.And, Unary, out expression);

        private delegate bool Part(out FilterExpression expression);

        private bool Chain(string token, FilterKind kind, Part part, out FilterExpression expression)
        {
            SkipSpace();
            var start = Position;
            if (!part(out expression))
            {
                return false;
            }

            var operands = new List<FilterExpression> { expression };
            while (Take(token))
            {
                if (!part(out var next))
                {
                    return false;
                }

                operands.Add(next);
            }

            if (operands.Count > 1)
            {
                expression = new FilterExpression(kind, text[start..Position].Trim()) { Operands = operands };
            }

            return true;
        }

        private bool Unary(out FilterExpression expression)
        {
            expression = null!;
            SkipSpace();
            var start = Position;
            if (!AtEnd && text[Position] == '!' && (Position + 1 >= text.Length || text[Position + 1] != '='))
            {
                Position++;
                if (!Unary(out var operand))
                {
                    return false;
                }

                expression = new FilterExpression(FilterKind.Not, text[start..Position].Trim()) { Operands = [operand] };
                return true;
            }

            if (!AtEnd && text[Position] == '(')
            {
                Position++;
                if (!Or(out expression))
                {
                    return false;
                }

                return Take(")") || Fail("expected ')'");
            }

            return Comparison(out expression);
        }

        private bool Comparison(out FilterExpression expression)
        {
            expression = null!;
            var start = Position;
            var leftText = Word(stopAtOperator: true);
            if (leftText.Length == 0)
            {
                return Fail(AtEnd ? "expected a field, found the end" : $"expected a field, found '{text[Position]}'");
            }

            if (leftText[0] is '$' or '^' or '\'' or '"')
            {
                return Fail($"expected a field of the element on the left (status, a.b, @.status), found '{leftText}'");
            }

            if (!OperandPath(leftText, out var left))
            {
                return false;
            }

            SkipSpace();
            FilterOperator? op = Take("==") ? FilterOperator.Equal : Take("!=") ? FilterOperator.NotEqual
                : Take("<=") ? FilterOperator.LessOrEqual : Take(">=") ? FilterOperator.GreaterOrEqual
                : Take("<") ? FilterOperator.Less : Take(">") ? FilterOperator.Greater : null;
            if (op is null)
            {
                if (!AtEnd && text[Position] == '=')
                {
                    return Fail("expected '==' (one '=' is not a comparison)");
                }

                expression = new FilterExpression(FilterKind.Presence, leftText) { Left = left };
                return true;
            }

            SkipSpace();
            if (!Operand(out var right))
            {
                return false;
            }

            expression = new FilterExpression(FilterKind.Comparison, text[start..Position].Trim()) { Left = left, Operator = op.Value, Right = right };
            return true;
        }

        private bool Operand(out FilterOperand operand)
        {
            operand = null!;
            if (AtEnd)
            {
                return Fail("expected a value after the operator, found the end");
            }

            var quote = text[Position];
            if (quote is '\'' or '"')
            {
                var close = text.IndexOf(quote, Position + 1);
                if (close < 0)
                {
                    return Fail($"the quote {quote} is not closed");
                }

                var value = text[(Position + 1)..close];
                var written = text[Position..(close + 1)];
                Position = close + 1;
                operand = new FilterOperand(EvidenceNode.Scalar(EvidenceNodeKind.String, value, () => Literal), null, false, written);
                return true;
            }

            var word = Word(stopAtOperator: false);
            if (word.Length == 0)
            {
                return Fail($"expected a value, found '{text[Position]}'");
            }

            if (word[0] is '@' or '$' or '^')
            {
                if (!OperandPath(word[0] == '@' ? word : "@" + word[1..], out var path))
                {
                    return false;
                }

                operand = new FilterOperand(null, path, word[0] == '$', word) { FromOuter = word[0] == '^' };
                return true;
            }

            var kind = word switch
            {
                "true" or "false" => EvidenceNodeKind.Boolean,
                "null" => EvidenceNodeKind.Null,
                _ => ExactNumber.IsInteger(word) is not null ? EvidenceNodeKind.Number : EvidenceNodeKind.String,
            };
            operand = new FilterOperand(EvidenceNode.Scalar(kind, word, () => Literal), null, false, word);
            return true;
        }

        // A path relative to the element: "@" itself, "@.a.b", "@[0]", or "a.b" (as "@.a.b").
        private bool OperandPath(string word, out DocumentPath path)
        {
            path = DocumentPath.Root;
            var relative = word[0] == '@' ? (word.Length > 1 && word[1] == '.' ? word[2..] : word[1..]) : word;
            if (word[0] == '@' && word.Length > 1 && word[1] is not ('.' or '['))
            {
                return Fail($"expected '.' or '[' after '{word[0]}' in '{word}'");
            }

            if (relative.Length == 0)
            {
                return true;
            }

            if (!DocumentPath.TryParse(relative, out path, out var problem))
            {
                return Fail($"'{word}' is not a path: {problem}");
            }

            return !path.HasWildcard || Fail($"'{word}' must name one value: no [*] or filter inside a filter");
        }

        private string Word(bool stopAtOperator)
        {
            SkipSpace();
            var start = Position;
            var depth = 0;
            while (!AtEnd)
            {
                var c = text[Position];
                if (c == '[')
                {
                    depth++;
                }
                else if (c == ']')
                {
                    depth--;
                }
                else if (depth == 0 && (char.IsWhiteSpace(c) || c is '(' or ')' or '&' or '|' || (stopAtOperator && c is '=' or '!' or '<' or '>')))
                {
                    break;
                }

                Position++;
            }

            return text[start..Position];
        }
    }
}
