using System.Reflection;
using System.Reflection.Emit;

namespace Engine.Tests;

/// <summary>
/// A test assembly written to disk with the shapes <see cref="Nuke.Common.Tools.DotNet.TestInventory"/> must tell
/// apart, so that none of them becomes a test of this suite: test methods ([Fact], [Theory]), a nested class, an
/// attribute derived from [Fact] in the assembly itself, and what is no test (a method without a test attribute, an
/// abstract class, a non-public class, a non-public method, an attribute that is not a test's).
/// </summary>
internal static class SampleAssembly
{
    public static void Write(string path)
    {
        var assembly = new PersistedAssemblyBuilder(new AssemblyName("Sample.Tests"), typeof(object).Assembly);
        var module = assembly.DefineDynamicModule("Sample.Tests");
        var fact = Attribute(typeof(FactAttribute).GetConstructor(Type.EmptyTypes)!);
        var theory = Attribute(typeof(TheoryAttribute).GetConstructor(Type.EmptyTypes)!);
        var obsolete = Attribute(typeof(ObsoleteAttribute).GetConstructor(Type.EmptyTypes)!);

        var derivedAttribute = module.DefineType("Sample.Tests.FlakyAttribute", TypeAttributes.Public | TypeAttributes.Sealed, typeof(FactAttribute));
        var derivedConstructor = derivedAttribute.DefineDefaultConstructor(MethodAttributes.Public);

        var deploy = Class(module, "Sample.Tests.Deploy", TypeAttributes.Public);
        Method(deploy, "One", MethodAttributes.Public, fact);
        Method(deploy, "Two", MethodAttributes.Public, theory);
        Method(deploy, "Helper", MethodAttributes.Public, obsolete);
        Method(deploy, "Hidden", MethodAttributes.Private, fact);
        var nested = deploy.DefineNestedType("Nested", TypeAttributes.NestedPublic | TypeAttributes.Sealed);
        Method(nested, "Three", MethodAttributes.Public, fact);

        var derived = Class(module, "Sample.Tests.Derived", TypeAttributes.Public);
        Method(derived, "Retried", MethodAttributes.Public, new CustomAttributeBuilder(derivedConstructor, []));

        var named = Class(module, "Sample.Tests.Notes", TypeAttributes.Public);
        Method(named, "Four", MethodAttributes.Public, fact);
        var shared = Class(module, "Sample.Tests.SharedBase", TypeAttributes.Public | TypeAttributes.Abstract);
        Method(shared, "Inherited", MethodAttributes.Public, fact);
        var internalClass = Class(module, "Sample.Tests.Internal", TypeAttributes.NotPublic);
        Method(internalClass, "Five", MethodAttributes.Public, fact);
        var helper = Class(module, "Sample.Tests.Helper", TypeAttributes.Public);
        Method(helper, "Six", MethodAttributes.Public, obsolete);

        derivedAttribute.CreateType();
        foreach (var type in new[] { deploy, nested, derived, named, shared, internalClass, helper }) type.CreateType();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        assembly.Save(path);
    }

    private static CustomAttributeBuilder Attribute(ConstructorInfo constructor) => new(constructor, []);

    private static TypeBuilder Class(ModuleBuilder module, string name, TypeAttributes visibility)
    {
        var type = module.DefineType(name, visibility | TypeAttributes.Class);
        type.DefineDefaultConstructor(MethodAttributes.Public);
        return type;
    }

    private static void Method(TypeBuilder type, string name, MethodAttributes access, CustomAttributeBuilder attribute)
    {
        var method = type.DefineMethod(name, access, typeof(void), Type.EmptyTypes);
        method.GetILGenerator().Emit(OpCodes.Ret);
        method.SetCustomAttribute(attribute);
    }
}
